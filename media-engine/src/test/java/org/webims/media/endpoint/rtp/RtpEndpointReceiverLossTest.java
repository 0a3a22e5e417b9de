package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loss a peer's receiver reports reaches the Opus encoder that feeds it (issue 4, issue 5
 * "Opus (useinbandfec)"). A source of 16 kHz PCM, speech-like, is transcoded to Opus toward a plain
 * UDP peer that sends receiver reports (RFC 3550 §6.4.1) about our stream: first stating no loss,
 * then about 20 %. The encoder's expected loss follows the smoothed reports (read from the
 * transcoder's counters), and what the peer receives carries in-band FEC, the LBRR flag of the
 * SILK layer (RFC 6716 §4.2.3), only once loss is reported and only if the peer's SDP asked for it
 * (useinbandfec=1, RFC 7587 §6.1).
 */
class RtpEndpointReceiverLossTest {

    static final int TWENTY_PERCENT = 51; // in 1/256

    OpusToPeerCall call;

    @AfterEach
    void close() throws Exception {
        if (call != null) {
            call.close();
        }
    }

    @Test
    void theReportedLossSetsTheOpusEncodersExpectedLossAndItsInBandFecReachesThePeer() throws Exception {
        call = new OpusToPeerCall(RtpEndpointMediaTest.AUDIO_ONLY, "minptime=10;useinbandfec=1");
        // no loss reported: FEC is on (the peer asked), but libopus adds no LBRR for 0 % expected loss
        MediaFixture.await("reports of no loss read", () -> call.endpoint.getStats()
                .getOrDefault("audio.receiverReportsReceived", 0L) >= 8 && call.packets(0) >= 100);
        Map<String, Long> before = call.counters();
        assertEquals(1L, before.get("encode.fec"), before.toString());
        assertEquals(0L, before.get("encode.lossPercent"), before.toString());
        assertEquals(0L, call.lbrr(0), "no LBRR while no loss is reported, of " + call.packets(0) + " packets");
        assertEquals(0L, before.get("encode.fecPackets"), before.toString());

        // about 20 % reported: the smoothed value (10 s time constant) climbs, the encoder follows it
        call.phase.set(1);
        call.fraction.set(TWENTY_PERCENT);
        MediaFixture.await("the encoder's expected loss rises", () -> call.counters().get("encode.lossPercent") >= 5);
        MediaFixture.await("LBRR reaches the peer", () -> call.lbrr(1) >= 20);
        Map<String, Long> after = call.counters();
        String figures = after + ", peer got " + call.lbrr(1) + " of " + call.packets(1) + " packets with LBRR";
        System.out.println("receiver loss -> Opus: " + figures);
        assertTrue(after.get("encode.lossPercent") <= 20, "never more than 20 % expected: " + figures);
        assertTrue(after.get("encode.fecPackets") >= call.lbrr(1), figures);
        assertTrue(after.get("encode.lossUpdates") >= 2, "it followed the smoothed value up: " + figures);
        assertTrue(after.get("encode.targetBitrate") > 0, figures);
    }

    @Test
    void withoutUseinbandfecTheLossIsExpectedButNoFecIsSent() throws Exception {
        call = new OpusToPeerCall(RtpEndpointMediaTest.AUDIO_ONLY, null);
        call.phase.set(1);
        call.fraction.set(TWENTY_PERCENT);
        MediaFixture.await("the encoder's expected loss rises", () -> call.packets(1) > 0
                && call.counters().get("encode.lossPercent") >= 5);
        Map<String, Long> c = call.counters();
        assertEquals(0L, c.get("encode.fec"), c.toString());
        assertEquals(0L, c.get("encode.fecPackets"), c.toString());
        assertEquals(0L, call.lbrr(1), "no LBRR without useinbandfec=1, of " + call.packets(1) + " packets");
    }
}
