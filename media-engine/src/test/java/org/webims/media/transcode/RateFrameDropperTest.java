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
            d.encoded(50_000);
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
                d.encoded(frame);
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
        d.encoded(20_000); // 160 kbit: over 1.5 s of the target
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
        d.encoded(10_000); // 80 kbit, 30 kbit over the 50 kbit bucket: 0.3 s to drain
        assertFalse(d.admit((before + 9_000) & 0xFFFFFFFFL, false), "0.1 s later, wrapped");
        assertTrue(d.admit((before + 27_001) & 0xFFFFFFFFL, false), "0.3 s later");
    }
}
