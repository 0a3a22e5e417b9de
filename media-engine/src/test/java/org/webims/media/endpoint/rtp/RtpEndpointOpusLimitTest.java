package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtcpWriter;

/**
 * A limit on our audio is lifted as video's is (issue 4, "the encoder's bitrate follows REMB or
 * TMMBR"): our Opus encoder, transcoding 16 kHz speech-like PCM toward a plain UDP peer, goes down
 * to a TMMBR on the audio stream (RFC 5104 §4.2.1) and, when the limit is lifted (a TMMBR at or
 * above what we send unlimited) or its requester falls silent (RFC 3550 §6.3.5), back to its
 * configured rate: its default {@value OpusEncoder#DEFAULT_BITRATE} bit/s, not the 2.5 Mbit/s of
 * the lifting TMMBR nor RFC 7587's 510 kbit/s maximum. Rates are what the peer received.
 */
class RtpEndpointOpusLimitTest {

    /** The peer's source asking for the limit: not its reporter ({@link OpusToPeerCall#REPORTER_SSRC}). */
    static final int REQUESTER = 0x7777;
    static final long LIMIT = 12_000;
    /** What Opus at a 12 kbit/s target may send over a couple of seconds of speech: VBR swings a few kbit/s. */
    static final long LIMITED_AT_MOST = 15_000;
    /** Opus at its configured 32 kbit/s on speech, VBR: well under 30 % over it. */
    static final long CONFIGURED_AT_MOST = OpusEncoder.DEFAULT_BITRATE * 13 / 10;
    /**
     * Packets a phase is measured over after its first 10: 3 s, nine of the speech-like signal's
     * 340 ms syllable-and-pause cycles, so its pauses weigh alike in every phase.
     */
    static final int WINDOW = 150;
    /**
     * Unlimited over limited at the least: the speech-like signal's pauses keep VBR Opus under its
     * target (at 32 kbit/s it sent some 23 kbit/s, at 12 kbit/s some 10.5 in the first runs).
     */
    static final double RESTORED_OVER_LIMITED = 1.6;

    OpusToPeerCall call;

    @AfterEach
    void close() throws Exception {
        if (call != null) {
            call.close();
        }
    }

    /** IPv4, UDP and RTP headers: what the peer measures as each packet's overhead (RFC 5104 §2.2, §4.2.1.2). */
    static final int OVERHEAD = 40;
    /** Our Opus packets a second: one 20 ms frame each. */
    static final int PACKETS_PER_SECOND = 50;

    /**
     * A TMMBR whose MxTBR leaves {@code mediaBps} of Opus payload: RFC 5104 §4.2.1.1 counts the
     * requester's measured overhead in MxTBR, so it adds 8 x 40 bytes x 50 packets a second.
     */
    private void sendAudioTmmbr(long mediaBps) throws Exception {
        sendAudioTmmbr(mediaBps + 8L * OVERHEAD * PACKETS_PER_SECOND, OVERHEAD);
    }

    private void sendAudioTmmbr(long maxTotalBps, int overhead) throws Exception {
        byte[] b = new byte[64];
        int n = RtcpWriter.writeTmmbr(b, 0, REQUESTER, new int[] {call.ourSsrc}, new long[] {maxTotalBps},
                new int[] {overhead}, 1);
        UdpPeer.send(call.peer.rtcp, b, n, call.endpoint.localRtpPort(MediaType.AUDIO) + 1);
    }

    private long target() {
        return call.counters().getOrDefault("encode.targetBitrate", 0L);
    }

    private void phase(int phase, String awaiting, long target) throws InterruptedException {
        MediaFixture.await(awaiting, () -> target() == target);
        call.phase.set(phase);
        MediaFixture.await(WINDOW + 10 + " packets in phase " + phase, () -> call.packets(phase) >= WINDOW + 10);
    }

    @Test
    void liftedLimitRestoresOpusRate() throws Exception {
        call = new OpusToPeerCall(RtpEndpointMediaTest.AUDIO_ONLY, null);
        MediaFixture.await("Opus reaching the peer", () -> call.packets(0) >= WINDOW + 10 && call.ourSsrc != 0);
        assertEquals(OpusEncoder.DEFAULT_BITRATE, target());
        sendAudioTmmbr(LIMIT);
        phase(1, "the encoder at the limit", LIMIT);
        sendAudioTmmbr(2_500_000, OVERHEAD); // RFC 5104 has no "no limit": a high one lifts it
        phase(2, "the encoder back at its configured rate", OpusEncoder.DEFAULT_BITRATE);

        long unlimited = call.payloadBitsPerSecond(0, 10);
        long limited = call.payloadBitsPerSecond(1, 10);
        long lifted = call.payloadBitsPerSecond(2, 10);
        String figures = "payload bit/s before " + unlimited + ", limited " + limited + ", lifted " + lifted
                + "; " + call.counters();
        System.out.println("Opus limit then lift: " + figures);
        assertTrue(limited <= LIMITED_AT_MOST, figures);
        assertTrue(lifted >= RESTORED_OVER_LIMITED * limited && lifted <= CONFIGURED_AT_MOST, figures);
        // the call's first seconds ran some 20 kbit/s (the encoder settling): the lift gives at least that back
        assertTrue(lifted >= unlimited * 3 / 4, "back to the rate it had before the limit: " + figures);
    }

    /**
     * RFC 5104 §4.2.1.1 / §4.2.1.2: the encoder's target is MxTBR less the measured overhead of our
     * 50 packets a second. 28 000 bit/s with no overhead is a 28 000 target; with 40 bytes (IPv4)
     * 28 000 - 16 000 = 12 000; with 60 (IPv6) 28 000 - 24 000 = 4 000, under Opus's 6 000 floor.
     */
    @Test
    void theTmmbrsOverheadAtOurPacketRateComesOffTheOpusTarget() throws Exception {
        call = new OpusToPeerCall(RtpEndpointMediaTest.AUDIO_ONLY, null);
        MediaFixture.await("Opus reaching the peer", () -> call.packets(0) >= 10 && call.ourSsrc != 0);
        sendAudioTmmbr(28_000, 0);
        MediaFixture.await("the target at MxTBR", () -> target() == 28_000);
        sendAudioTmmbr(28_000, 40);
        MediaFixture.await("the target less 8 x 40 x 50", () -> target() == 28_000 - 8 * 40 * 50);
        sendAudioTmmbr(28_000, 60);
        // decision 0080: a limit never takes Opus under 6 kbit/s
        MediaFixture.await("the target at the floor", () -> target() == 6_000);
    }

    /**
     * The requester sends one TMMBR and nothing more, while the peer's other source goes on
     * reporting: with a 200 ms report interval the requester's tuple expires after 5 x 200 ms, and
     * the encoder returns to its configured rate as if the limit had been lifted.
     */
    @Test
    void anExpiredAudioLimitRestoresOpusRate() throws Exception {
        call = new OpusToPeerCall(RtpEndpointMediaTest.AUDIO_ONLY.withRtcpInterval(Duration.ofMillis(200)), null);
        MediaFixture.await("Opus reaching the peer", () -> call.packets(0) >= 60 && call.ourSsrc != 0);
        sendAudioTmmbr(LIMIT);
        MediaFixture.await("the encoder at the limit", () -> target() == LIMIT);
        call.phase.set(1);
        phase(2, "the encoder back at its configured rate", OpusEncoder.DEFAULT_BITRATE);

        long limited = call.payloadBitsPerSecond(1, 10);
        long restored = call.payloadBitsPerSecond(2, 10);
        String figures = "payload bit/s limited " + limited + " (" + call.packets(1) + " packets), after expiry "
                + restored + "; endpoint " + call.endpoint.getStats().get("audio.bitrateLimitsExpired") + " expired";
        System.out.println("Opus limit expired: " + figures);
        assertEquals(1L, call.endpoint.getStats().get("audio.bitrateLimitsExpired"), figures);
        assertTrue(call.packets(1) >= 30, "the limit held until the timeout: " + figures);
        assertTrue(limited <= LIMITED_AT_MOST, figures);
        assertTrue(restored >= RESTORED_OVER_LIMITED * limited && restored <= CONFIGURED_AT_MOST, figures);
    }
}
