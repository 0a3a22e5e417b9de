package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The size rule alone: libwebrtc's bitrate ceilings per pixel count, with hysteresis on the way up. */
class ResolutionForRateTest {

    @Test
    void ceilingsFollowLibwebrtcsMaximumFrameSizeForBitrate() {
        assertEquals(1, ResolutionForRate.divisorFor(300_000, 640, 360), "360p from 300 kbit/s");
        assertEquals(2, ResolutionForRate.divisorFor(299_999, 640, 360), "180p under it");
        assertEquals(2, ResolutionForRate.divisorFor(499_999, 1280, 720), "360p under VGA's 500 kbit/s");
        assertEquals(4, ResolutionForRate.divisorFor(150_000, 1280, 720), "720p at 150 kbit/s: 320x180");
        assertEquals(1, ResolutionForRate.divisorFor(50_000, 320, 180), "180p is never halved");
        assertEquals(4, ResolutionForRate.divisorFor(50_000, 1920, 1080), "a quarter at most");
    }

    @Test
    void withoutATargetTheSizeIsWhole() {
        assertEquals(1, new ResolutionForRate().divisor(0, 640, 360, 0));
    }

    @Test
    void goesDownAtOnceAndUpOnlyWellAboveTheThresholdAndAfterTheHold() {
        ResolutionForRate r = new ResolutionForRate();
        long t = 0;
        assertEquals(2, r.divisor(150_000, 640, 360, t));
        t += 3 * 90_000;
        assertEquals(2, r.divisor(320_000, 640, 360, t), "above 300 kbit/s but within the 30 % margin");
        assertEquals(1, r.divisor(400_000, 640, 360, t), "past the margin");
        assertEquals(2, r.divisor(250_000, 640, 360, t + 3000), "down again at once");
        assertEquals(2, r.divisor(1_000_000, 640, 360, t + 90_000), "within 2 s of the last change");
        assertEquals(1, r.divisor(1_000_000, 640, 360, t + 3000 + 2 * 90_000));
    }

    @Test
    void aLiftedLimitRestoresTheWholeSizeAfterTheHold() {
        ResolutionForRate r = new ResolutionForRate();
        assertEquals(4, r.divisor(150_000, 1280, 720, 0));
        assertEquals(4, r.divisor(0, 1280, 720, 90_000), "lifted within 2 s of the change: held");
        assertEquals(1, r.divisor(0, 1280, 720, 2 * 90_000), "then whole at once");
        assertEquals(1, r.divisor(0, 1280, 720, 3 * 90_000));
    }
}
