package org.webims.media.rtp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NackRequestsTest {

    static final long MS = 1_000_000L;

    final NackRequests nacks = new NackRequests();
    final int[] out = new int[64];

    int[] due(long nowNanos) {
        return Arrays.copyOf(out, nacks.due(nowNanos, out));
    }

    @Test
    void aPacketMissingAcrossTheWrapIsAskedForAfterTheReorderingTolerance() {
        long t = 1_000 * MS;
        nacks.received(65534, t);
        nacks.received(65535, t);
        nacks.received(1, t); // 0 is missing
        assertEquals(1, nacks.missing());
        assertFalse(nacks.anyDue(t + NackRequests.REORDER_NANOS - 1), "nothing asked within the tolerance");
        assertTrue(nacks.anyDue(t + NackRequests.REORDER_NANOS));
        assertArrayEquals(new int[] {0}, due(t + NackRequests.REORDER_NANOS));
        assertEquals(1, nacks.packetsAsked());
        assertFalse(nacks.takeKeyframeNeeded(), "NACK repairs it: no key frame yet");
    }

    @Test
    void aPacketReorderedWithinTheToleranceIsNeverAskedFor() {
        long t = 5 * MS;
        nacks.received(100, t);
        nacks.received(102, t);
        nacks.received(101, t + 3 * MS);
        assertEquals(0, nacks.missing());
        assertFalse(nacks.anyDue(t + 50 * MS));
        assertEquals(0, due(t + 50 * MS).length);
        assertEquals(0, nacks.packetsAsked());
        assertEquals(1, nacks.reordered());
        assertEquals(0, nacks.repaired());
    }

    @Test
    void aPacketNotRetransmittedIsAskedAgainAfterARoundTripThenGivenUpWithAKeyframeRequest() {
        long t = 0;
        nacks.roundTrip(40 * MS);
        nacks.received(10, t);
        nacks.received(12, t);
        long ask = t + NackRequests.REORDER_NANOS;
        assertArrayEquals(new int[] {11}, due(ask));
        assertFalse(nacks.anyDue(ask + 39 * MS), "not again within the round trip");
        assertArrayEquals(new int[] {11}, due(ask + 40 * MS));
        assertArrayEquals(new int[] {11}, due(ask + 80 * MS));
        assertEquals(0, due(ask + 120 * MS).length, "asked " + NackRequests.MAX_ASKS + " times: given up");
        assertEquals(0, nacks.missing());
        assertEquals(1, nacks.givenUp());
        assertEquals(1, nacks.packetsAsked());
        assertTrue(nacks.takeKeyframeNeeded(), "RFC 4585 §6.3.1: a PLI repairs what NACK did not");
        assertFalse(nacks.takeKeyframeNeeded(), "told once");
    }

    @Test
    void theRetryWaitsAtLeastTheMinimumWhateverTheRoundTrip() {
        nacks.roundTrip(1 * MS); // loopback
        nacks.received(1, 0);
        nacks.received(3, 0);
        long ask = NackRequests.REORDER_NANOS;
        assertEquals(1, due(ask).length);
        assertFalse(nacks.anyDue(ask + NackRequests.MIN_RETRY_NANOS - 1));
        assertTrue(nacks.anyDue(ask + NackRequests.MIN_RETRY_NANOS));
    }

    @Test
    void aRetransmissionOrALateDuplicateClearsTheRequest() {
        nacks.received(200, 0);
        nacks.received(204, 0); // 201, 202, 203 missing
        assertArrayEquals(new int[] {201, 202, 203}, due(NackRequests.REORDER_NANOS));
        nacks.received(202, 15 * MS); // the retransmission
        nacks.received(202, 16 * MS); // and the original, late: a duplicate
        assertEquals(2, nacks.missing());
        assertEquals(1, nacks.repaired());
        assertArrayEquals(new int[] {201, 203}, due(NackRequests.REORDER_NANOS + NackRequests.DEFAULT_RTT_NANOS));
        nacks.received(201, 200 * MS);
        nacks.received(203, 200 * MS);
        assertEquals(0, nacks.missing());
        assertEquals(3, nacks.repaired());
        assertFalse(nacks.anyDue(10_000 * MS));
        assertFalse(nacks.takeKeyframeNeeded());
    }

    @Test
    void aGapWiderThanTheLimitIsNotAskedForButAsksForAKeyframe() {
        nacks.received(1000, 0);
        nacks.received(1000 + NackRequests.MAX_GAP + 2, 0);
        assertEquals(0, nacks.missing());
        assertEquals(NackRequests.MAX_GAP + 1, nacks.givenUp());
        assertTrue(nacks.takeKeyframeNeeded());
        assertEquals(0, due(NackRequests.REORDER_NANOS).length);
    }

    @Test
    void theWindowIsBoundedAPacketFallenBehindItIsGivenUp() {
        nacks.received(0, 0);
        nacks.received(2, 0); // 1 missing
        long t = 0;
        int seq = 2;
        // the stream runs on without loss past the window; nothing due until the first ask
        for (int i = 0; i < NackRequests.WINDOW; i++) {
            nacks.received(++seq, t);
        }
        assertEquals(1, nacks.missing());
        assertEquals(0, due(NackRequests.REORDER_NANOS).length, "1 is behind the window: not asked for");
        assertEquals(0, nacks.missing());
        assertEquals(1, nacks.givenUp());
        assertTrue(nacks.takeKeyframeNeeded());
    }

    @Test
    void aPacketMissingLongerThanTheMaximumAgeIsGivenUp() {
        nacks.roundTrip(600 * MS);
        nacks.received(7, 0);
        nacks.received(9, 0);
        assertArrayEquals(new int[] {8}, due(NackRequests.REORDER_NANOS));
        assertArrayEquals(new int[] {8}, due(NackRequests.REORDER_NANOS + 600 * MS));
        assertEquals(0, due(NackRequests.REORDER_NANOS + 1200 * MS).length, "older than a second");
        assertEquals(1, nacks.givenUp());
    }

    @Test
    void aNackAsksForAtMostWhatFitsAndTheRestNextTime() {
        int[] small = new int[2];
        nacks.received(0, 0);
        nacks.received(4, 0); // 1, 2, 3
        assertEquals(2, nacks.due(NackRequests.REORDER_NANOS, small));
        assertArrayEquals(new int[] {1, 2}, small);
        assertTrue(nacks.anyDue(NackRequests.REORDER_NANOS), "3 still due");
        assertEquals(1, nacks.due(NackRequests.REORDER_NANOS, small));
        assertEquals(3, small[0]);
    }

    @Test
    void aStreamThatLosesNothingIsNeverDue() {
        for (int seq = 60000; seq < 60000 + 10_000; seq++) {
            nacks.received(seq & 0xFFFF, seq * MS);
        }
        assertEquals(0, nacks.missing());
        assertFalse(nacks.anyDue(Long.MAX_VALUE / 2));
        assertFalse(nacks.takeKeyframeNeeded());
    }

    @Test
    void aSenderThatRestartsItsSequenceFarBehindIsFollowed() {
        nacks.received(5000, 0);
        nacks.received(5001, 0);
        nacks.received(100, 0); // far behind: one late packet or a restart?
        nacks.received(101, 0); // two in a row: a restart
        nacks.received(103, 0); // 102 missing in the new sequence
        assertArrayEquals(new int[] {102}, due(NackRequests.REORDER_NANOS));
    }
}
