package org.webims.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpReceptionStatsTest {

    private final RtpReceptionStats stats = new RtpReceptionStats(42);

    /** Feeds seq with a constant transit so jitter stays 0. */
    private boolean feed(int seq) {
        return stats.update(seq, seq * 160L, seq * 160L + 1000);
    }

    @Test
    void keepsANewSourceOnProbationForTheFirstPacket() {
        assertFalse(feed(10));
        assertTrue(feed(11));
        assertEquals(1, stats.received());
    }

    @Test
    void restartsProbationWhenTheSecondPacketIsNotInSequence() {
        assertFalse(feed(10));
        assertFalse(feed(20));
        assertTrue(feed(21));
    }

    @Test
    void countsLostPacketsFromGaps() {
        for (int s = 0; s < 100; s++) {
            if (s != 50 && s != 51) {
                feed(s);
            }
        }
        // validated at seq 1 (base), so expected 1..99 = 99, received 97
        assertEquals(99, stats.expected());
        assertEquals(2, stats.cumulativeLost());
    }

    @Test
    void aPacketRepairedByRetransmissionCountsAsReceivedAndIsNoJitterSample() {
        for (int s = 0; s < 100; s++) {
            if (s != 50) {
                feed(s);
            }
        }
        long jitter = stats.jitter();
        stats.receivedLate(50); // restored from its rtx stream
        assertEquals(0, stats.cumulativeLost());
        assertEquals(jitter, stats.jitter());
        stats.receivedLate(100); // resent ahead of its original: counted when that comes
        assertEquals(0, stats.cumulativeLost());
        assertEquals(99, stats.received());
    }

    @Test
    void extendsTheHighestSequenceNumberAcrossWrapAround() {
        for (int s = 65530; s < 65536; s++) {
            feed(s);
        }
        for (int s = 0; s <= 5; s++) {
            feed(s);
        }
        assertEquals(65536 + 5, stats.extendedHighestSequence());
        assertEquals(0, stats.cumulativeLost());
    }

    @Test
    void ignoresALoneJumpBeyondMaxDropoutButRestartsOnTwoSequential() {
        feed(1);
        feed(2);
        assertFalse(feed(10_000));
        assertEquals(2, stats.extendedHighestSequence());
        assertTrue(feed(10_001)); // A.1: the source restarted
        assertEquals(10_001, stats.extendedHighestSequence());
        assertEquals(1, stats.received());
    }

    @Test
    void reportsFractionLostPerInterval() {
        feed(0);
        for (int s = 1; s <= 8; s++) {
            if (s != 3 && s != 5) {
                feed(s);
            }
        }
        ReportBlock block = new ReportBlock();
        stats.takeReport(block, 0);
        // expected 1..8 = 8, lost 3 and 5 = 2: 2/8 = 64/256
        assertEquals(64, block.fractionLost);
        assertEquals(2, block.cumulativeLost);
        assertEquals(8, block.extendedHighestSequence);
        for (int s = 9; s <= 12; s++) {
            feed(s);
        }
        stats.takeReport(block, 0);
        assertEquals(0, block.fractionLost);
        assertEquals(2, block.cumulativeLost);
        assertEquals(42, block.ssrc);
    }

    @Test
    void computesInterarrivalJitterAsRfc3550A8() {
        stats.update(0, 0, 1000);
        stats.update(1, 160, 1160);
        assertEquals(0, stats.jitter());
        stats.update(2, 320, 1320 + 160); // transit grew by 160: J = 0 + (160 - 0) / 16
        assertEquals(10, stats.jitter());
    }

    @Test
    void fillsLsrAndDlsrFromTheLastSenderReport() {
        feed(0);
        feed(1);
        long ntp = NtpTime.fromUnixMillis(1_700_000_000_000L);
        stats.onSenderReport(ntp, 5_000_000_000L);
        ReportBlock block = new ReportBlock();
        stats.takeReport(block, 5_500_000_000L);
        assertEquals(NtpTime.middle32(ntp), block.lastSenderReport);
        assertEquals(32768, block.delaySinceLastSenderReport); // 0.5 s in 1/65536 s
    }

    @Test
    void ntpTimeRoundTripsUnixMillis() {
        long ms = 1_700_000_123_456L;
        assertEquals(ms, NtpTime.toUnixMillis(NtpTime.fromUnixMillis(ms)));
        assertEquals(NtpTime.UNIX_EPOCH_IN_NTP_SECONDS, NtpTime.fromUnixMillis(0) >>> 32);
    }

    @Test
    void computesRoundTripTimeAsInRfc3550Figure2() {
        // RFC 3550 §6.4.1: A = 0xb710:8000, LSR = 0xb705:2000, DLSR = 0x0005:4000 -> 6.125 s
        long arrival = 0xb7108000L << 16;
        assertEquals(6125, NtpTime.roundTripMillis(arrival, 0xb7052000, 0x00054000));
        assertEquals(-1, NtpTime.roundTripMillis(arrival, 0, 0));
    }
}
