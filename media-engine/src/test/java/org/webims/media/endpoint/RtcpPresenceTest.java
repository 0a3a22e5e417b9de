package org.webims.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaType;

/**
 * The rules kms's media state follows through GStreamer's rtpbin (decision 0083), on a clock the
 * test holds: reports raise it, RTP never does, a source's silence ends it after five of its own
 * report intervals (5 s at least, 25 s at most), a BYE at once.
 */
class RtcpPresenceTest {

    static final long S = 1_000_000_000L;
    static final long T0 = 1_000 * S;
    static final int AUDIO_SENDER = 0xa0d10;
    static final int RECEIVER = 0x1;
    static final int VIDEO_SENDER = 0x51de0;

    @Test
    void rtpAloneNeverMakesItActiveAndAReportDoes() {
        RtcpPresence p = new RtcpPresence();
        assertFalse(p.active(T0, T0, T0), "RTP of both types, no report");
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0 + S);
        assertTrue(p.active(T0 + S, 0, T0 + S));
    }

    @Test
    void aSourceReportingEverySecondTimesOutAfterFiveSecondsOfSilence() {
        RtcpPresence p = new RtcpPresence();
        p.report(MediaType.VIDEO, VIDEO_SENDER, T0);
        p.report(MediaType.VIDEO, VIDEO_SENDER, T0 + S);
        assertTrue(p.active(0, 0, T0 + 6 * S), "5 s after its last report");
        assertFalse(p.active(0, 0, T0 + 6 * S + 1), "past them");
    }

    @Test
    void aSourceReportingEveryFiveSecondsGetsTwentyFiveAndOneWithASingleReportToo() {
        RtcpPresence p = new RtcpPresence();
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0 + 7 * S); // an interval above 5 s counts as 5 s
        assertTrue(p.active(0, 0, T0 + 32 * S));
        assertFalse(p.active(0, 0, T0 + 32 * S + 1));

        RtcpPresence single = new RtcpPresence();
        single.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        assertTrue(single.active(0, 0, T0 + 25 * S), "one report: 5 s assumed for its interval");
        assertFalse(single.active(0, 0, T0 + 25 * S + 1));
    }

    @Test
    void eachSourceKeepsItsOwnIntervalSoAFastReceiverDoesNotShortenTheSendersTimeout() {
        RtcpPresence p = new RtcpPresence();
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        p.report(MediaType.AUDIO, RECEIVER, T0 + 4 * S);
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0 + 5 * S);
        p.report(MediaType.AUDIO, RECEIVER, T0 + 5 * S + S / 100); // 1 s after its previous one: 5 s for it
        assertTrue(p.active(0, 0, T0 + 29 * S), "the sender's 5 s interval gives it 25 s");
        assertFalse(p.active(0, 0, T0 + 31 * S));
    }

    @Test
    void rtpHoldsWhatAReportRaisedButDoesNotReviveItOnceTimedOut() {
        RtcpPresence p = new RtcpPresence();
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0 + S);
        assertTrue(p.active(T0 + 20 * S, 0, T0 + 24 * S), "the peer's RTP is its activity");
        assertFalse(p.active(0, 0, T0 + 40 * S), "silent 20 s");
        assertFalse(p.active(T0 + 40 * S, 0, T0 + 40 * S), "its RTP again: still no report");
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0 + 41 * S);
        assertTrue(p.active(T0 + 41 * S, 0, T0 + 41 * S), "a report revives it");
    }

    @Test
    void aByeEndsItsTypeAtOnceAndTheOtherTypeHoldsUntilItsOwnBye() {
        RtcpPresence p = new RtcpPresence();
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        p.report(null, RECEIVER, T0); // no type could be told: the third slot
        p.report(MediaType.VIDEO, VIDEO_SENDER, T0);
        p.bye(null, AUDIO_SENDER, T0 + S);
        assertTrue(p.active(0, 0, T0 + S), "video still reports");
        p.bye(MediaType.VIDEO, VIDEO_SENDER, T0 + 2 * S);
        assertFalse(p.active(T0 + 2 * S, T0 + 2 * S, T0 + 2 * S), "both left; the untyped reports go with them");
        p.report(MediaType.VIDEO, VIDEO_SENDER, T0 + 3 * S);
        assertTrue(p.active(0, 0, T0 + 3 * S), "a report after the BYE is the source back");
    }

    /** Decision 0091: the peer left the session only once every type it reported in said BYE after its last report. */
    @Test
    void thePeerLeftByByeOnlyOnceEveryTypeItReportedInSaidByeAfterItsLastReport() {
        RtcpPresence p = new RtcpPresence();
        assertFalse(p.leftByBye(), "a peer that never reported has not left");
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        p.report(MediaType.VIDEO, VIDEO_SENDER, T0);
        p.bye(MediaType.AUDIO, AUDIO_SENDER, T0 + S);
        assertFalse(p.leftByBye(), "video has not said BYE");
        p.bye(MediaType.VIDEO, VIDEO_SENDER, T0 + 2 * S);
        assertTrue(p.leftByBye(), "both types said BYE");
        p.report(MediaType.VIDEO, VIDEO_SENDER, T0 + 3 * S);
        assertFalse(p.leftByBye(), "a report after the BYE is the peer back");
    }

    /** A silent peer timed out has not left by BYE; leave() (the DTLS session's end) ends every type at once. */
    @Test
    void silenceIsNotLeavingAndLeaveEndsEveryTypeAtOnce() {
        RtcpPresence p = new RtcpPresence();
        p.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        p.report(MediaType.VIDEO, VIDEO_SENDER, T0);
        assertFalse(p.active(0, 0, T0 + 30 * S), "timed out");
        assertFalse(p.leftByBye(), "but it said no BYE");
        RtcpPresence q = new RtcpPresence();
        q.report(MediaType.AUDIO, AUDIO_SENDER, T0);
        q.report(null, RECEIVER, T0);
        q.leave(T0 + S);
        assertFalse(q.active(T0 + S, T0 + S, T0 + S), "no type active after leave, RTP or not");
        q.report(MediaType.AUDIO, AUDIO_SENDER, T0 + 2 * S);
        assertTrue(q.active(0, 0, T0 + 2 * S), "a new report is the peer back");
    }
}
