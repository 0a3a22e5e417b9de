package org.webims.media.rtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 5104 §3.5.4.2's bounding set, rule by rule. A tuple (MxTBR, overhead) allows a media rate of
 * MxTBR - 8 x overhead x packet rate; the set is the tuples on the lower envelope of those lines
 * for packet rates from 0 to where the envelope reaches 0.
 */
class TmmbrBoundingSetTest {

    final TmmbrBoundingSet set = new TmmbrBoundingSet();

    private List<Integer> owners() {
        int[] ssrcs = new int[TmmbrBoundingSet.CAPACITY];
        int n = set.copyBoundingSet(ssrcs, new long[TmmbrBoundingSet.CAPACITY], new int[TmmbrBoundingSet.CAPACITY]);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ssrcs[i]);
        }
        return out;
    }

    @Test
    void oneTupleIsTheSetWhateverItsValue() {
        assertEquals(0, set.minimum());
        set.request(1, 2_500_000, 40, 0);
        assertEquals(List.of(1), owners());
        assertEquals(2_500_000, set.minimum());
    }

    @Test
    void ofEqualOverheadsOnlyTheLowestBounds() {
        set.request(1, 500_000, 40, 0);
        set.request(2, 300_000, 40, 0);
        set.request(3, 400_000, 40, 0);
        assertEquals(List.of(2), owners());
        assertEquals(300_000, set.minimum());
    }

    @Test
    void aSteeperLineThatCrossesBelowBeforeZeroBoundsToo() {
        set.request(1, 300_000, 40, 0);   // zero at 300k / 320 = 937 packets/s
        set.request(2, 400_000, 200, 0);  // crosses 1 at 100k / 1280 = 78 packets/s
        set.request(3, 500_000, 40, 0);   // above 1 everywhere
        assertEquals(List.of(1, 2), owners());
        assertEquals(300_000, set.minimum());
    }

    @Test
    void aSteeperLineCrossingOnlyAfterTheEnvelopeReachedZeroDoesNotBound() {
        set.request(1, 100_000, 100, 0);  // zero at 125 packets/s
        set.request(2, 400_000, 101, 0);  // crosses 1 at 300k / 8 = 37 500 packets/s
        assertEquals(List.of(1), owners());
    }

    @Test
    void aLineUnderTheNextIntersectionDropsTheOneBeforeIt() {
        set.request(1, 100_000, 10, 0);
        set.request(2, 200_000, 100, 0);  // crosses 1 at 100k / 720 = 139
        set.request(3, 210_000, 300, 0);  // crosses 1 at 110k / 2320 = 47: 2 never bounds
        assertEquals(List.of(1, 3), owners());
    }

    @Test
    void ofEqualLowestMxTbrsTheSteeperOneStarts() {
        set.request(1, 300_000, 20, 0);
        set.request(2, 300_000, 60, 0);
        assertEquals(List.of(2), owners());
    }

    @Test
    void aRequesterReplacesItsOwnTupleAndLiftingItLeavesTheOthers() {
        set.request(1, 300_000, 40, 0);
        set.request(2, 500_000, 40, 0);
        set.request(1, 2_500_000, 40, 0);
        assertEquals(2, set.tuples());
        assertEquals(List.of(2), owners());
        assertEquals(500_000, set.minimum());
    }

    @Test
    void mxTbrZeroIsNoTupleAndLeavesTheRequestersLastOne() {
        assertFalse(set.request(1, 0, 40, 0));
        assertEquals(0, set.tuples());
        set.request(1, 300_000, 40, 0);
        assertFalse(set.request(1, 0, 40, 5));
        assertEquals(300_000, set.minimum());
    }

    @Test
    void tuplesOfSilentOwnersExpireAndHeardOnesStay() {
        set.request(1, 200_000, 0, 0);
        set.request(2, 600_000, 0, 0);
        set.heard(2, 900);
        assertEquals(0, set.expire(1000, 1000), "not before the timeout");
        assertEquals(1, set.expire(1001, 1000));
        assertEquals(List.of(2), owners());
        assertEquals(600_000, set.minimum());
        assertEquals(1, set.expire(1901, 1000));
        assertEquals(0, set.minimum());
        assertTrue(owners().isEmpty());
    }

    /** RFC 5104 §4.2.2: a TMMBN is due when the set changes; an expired tuple above the envelope changes nothing. */
    @Test
    void expiryChangesTheBoundingSetOnlyWhenAnOwnerGoes() {
        set.request(1, 200_000, 0, 0);
        set.request(2, 600_000, 0, 0);
        set.request(3, 500_000, 0, 0);
        set.heard(1, 900);
        set.heard(3, 1500);
        assertEquals(1, set.expire(1001, 1000), "2, above 1 at every rate, goes");
        assertEquals(false, set.expiryChangedBoundingSet());
        assertEquals(List.of(1), owners());
        assertEquals(1, set.expire(1901, 1000), "1, the owner, goes");
        assertTrue(set.expiryChangedBoundingSet());
        assertEquals(List.of(3), owners());
        assertEquals(0, set.expire(1902, 1000));
        assertEquals(false, set.expiryChangedBoundingSet(), "nothing dropped");
    }

    @Test
    void aRequesterBeyondTheCapacityIsRefused() {
        for (int i = 0; i < TmmbrBoundingSet.CAPACITY; i++) {
            assertTrue(set.request(i + 1, 1_000_000 + i, 40, 0));
        }
        assertFalse(set.request(999, 100_000, 40, 0));
        assertTrue(set.request(1, 100_000, 40, 0), "a known requester still updates its tuple");
        assertEquals(100_000, set.minimum());
    }

    /**
     * RFC 5104 §3.5.4.2: at a packet rate the limit is the lowest line "MxTBR - 8 x overhead x rate".
     * 300k/40 B and 400k/200 B cross at (400k - 300k) / (8 x 160) = 78.1 packets/s: below it the
     * first bounds (at 50: 300 000 - 16 000 = 284 000), above it the second (at 100: 400 000 - 160 000
     * = 240 000, against 268 000). A line under zero still limits, to 1 bit/s; no tuple, 0.
     */
    @Test
    void theMediaRateAtAPacketRateIsTheLowestLineThere() {
        assertEquals(0, set.mediaRateAt(50));
        set.request(1, 300_000, 40, 0);
        set.request(2, 400_000, 200, 0);
        assertEquals(300_000, set.mediaRateAt(0));
        assertEquals(300_000 - 8 * 40 * 50, set.mediaRateAt(50));
        assertEquals(400_000 - 8 * 200 * 100, set.mediaRateAt(100));
        assertEquals(1, set.mediaRateAt(1_000), "both lines under zero");
        assertEquals(300_000, set.minimum(), "MxTBR itself, the total rate, is unchanged");
    }
}
