package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The leaky bucket alone, fed frame sizes as an encoder that overshoots its target would make them. */
class RateFrameDropperTest {

    @Test
    void withoutATargetNothingIsDropped() {
        RateFrameDropper d = new RateFrameDropper();
        for (int n = 0; n < 300; n++) {
            assertTrue(d.admit(n * 3000L, false));
            d.encoded(50_000, false);
        }
        assertEquals(0, d.dropped());
    }

    @Test
    void anEncoderMakingThreeTimesItsTargetIsHeldToTheTargetPlusTheBucket() {
        RateFrameDropper d = new RateFrameDropper();
        d.target(150_000);
        int frame = 3 * 150_000 / 8 / 30; // 3x the target at 30 fps
        long sent = 0;
        for (int n = 0; n < 300; n++) { // 10 s
            if (d.admit(n * 3000L, false)) {
                d.encoded(frame, false);
                sent += frame;
            }
        }
        assertTrue(sent * 8 <= 150_000 * 10.5 + frame * 8, "bits sent " + sent * 8);
        assertTrue(sent * 8 >= 150_000 * 9.5, "the target is used: " + sent * 8);
        assertEquals(300, d.dropped() + sent / frame);
    }

    @Test
    void aKeyFrameAskedForIsEncodedWhenTheBucketIsOver() {
        RateFrameDropper d = new RateFrameDropper();
        d.target(100_000);
        assertTrue(d.admit(0, false));
        d.encoded(20_000, false); // 160 kbit: over 1.5 s of the target
        assertFalse(d.admit(3000, false));
        assertTrue(d.admit(6000, true));
        assertEquals(1, d.dropped());
    }

    @Test
    void theDrainFollowsRtpTimestampsAcrossTheirWrap() {
        RateFrameDropper d = new RateFrameDropper();
        d.target(100_000);
        long before = 0xFFFFFFFFL - 1000;
        assertTrue(d.admit(before, false));
        d.encoded(10_000, false); // 80 kbit, 30 kbit over the 50 kbit bucket: 0.3 s to drain
        assertFalse(d.admit((before + 9_000) & 0xFFFFFFFFL, false), "0.1 s later, wrapped");
        assertTrue(d.admit((before + 27_001) & 0xFFFFFFFFL, false), "0.3 s later");
    }

    /**
     * 400 kbit/s at 30 fps: delta frames of exactly the per-frame budget and a 15 kB key frame (0.3 s
     * of the target) asked for every second. Filled at once, each key frame is paid for by a run of
     * about 9 dropped pictures (0.3 s of frozen video); spread, the pictures after it are thinned,
     * never two dropped in a row, and the rate over the 10 s stays within the bound.
     */
    @Test
    void aKeyFramesBitsAreSpreadSoThePicturesAfterItAreThinnedNotDroppedInARun() {
        assertEquals(1, longestRunOfDrops(true), "spread");
        assertTrue(longestRunOfDrops(false) >= 8, "filled at once, as before: " + longestRunOfDrops(false));
    }

    private static int longestRunOfDrops(boolean spread) {
        long target = 400_000;
        int delta = (int) (target / 8 / 30);
        int key = 15_000;
        RateFrameDropper d = new RateFrameDropper();
        d.target(target);
        int run = 0;
        int longest = 0;
        long sentBits = 0;
        for (int n = 0; n < 300; n++) {
            boolean keyFrame = n % 30 == 0;
            if (d.admit(n * 3000L, keyFrame)) {
                int bytes = keyFrame ? key : delta;
                d.encoded(bytes, keyFrame && spread);
                sentBits += bytes * 8L;
                run = 0;
            } else {
                longest = Math.max(longest, ++run);
            }
        }
        assertEquals(longest, d.longestRun());
        assertTrue(sentBits <= target * 10.5 + 2 * key * 8, "within the bound (a key frame may be not yet spread): " + sentBits);
        assertTrue(sentBits >= target * 9, "the target is used: " + sentBits);
        return longest;
    }

    @Test
    void aKeyFrameOfManySecondsOfTheTargetIsOwedForThreeSecondsAtMost() {
        RateFrameDropper d = new RateFrameDropper();
        d.target(100_000);
        assertTrue(d.admit(0, true));
        d.encoded(1_000_000, true); // 80 s of the target
        int dropped = 0;
        for (int n = 1; n <= 30 * 8; n++) {
            if (!d.admit(n * 3000L, false)) {
                dropped++;
                continue;
            }
            d.encoded(100_000 / 8 / 30, false);
        }
        // 3 s owed at half the target beside frames at the target: about half of 6 s of pictures
        assertTrue(dropped <= 100, "dropped " + dropped);
        long after = d.dropped();
        for (int n = 30 * 8 + 1; n <= 30 * 10; n++) {
            assertTrue(d.admit(n * 3000L, false), "nothing owed after 8 s: frame " + n);
            d.encoded(100_000 / 8 / 30 / 2, false);
        }
        assertEquals(after, d.dropped());
    }

    @Test
    void aLiftedLimitDropsNothingAndLeavesNothingOwedForTheNext() {
        RateFrameDropper d = new RateFrameDropper();
        d.target(100_000);
        assertTrue(d.admit(0, false));
        d.encoded(20_000, false);
        d.encoded(20_000, true);
        d.target(0);
        assertFalse(d.active());
        for (int n = 1; n < 10; n++) {
            assertTrue(d.admit(n * 3000L, false));
            d.encoded(50_000, false);
        }
        d.target(100_000);
        assertTrue(d.admit(30_000, false), "a new limit starts from an empty bucket");
        assertEquals(0, d.dropped());
    }
}
