package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a downstream limit makes of an encoder configured at 800 kbit/s (360p's typical rate). */
class RateTargetTest {

    static final long CONFIGURED = 800_000;

    @Test
    void aLimitUnderTheConfiguredRateIsTheTarget() {
        assertEquals(150_000, RateTarget.of(150_000, CONFIGURED));
        assertEquals(799_999, RateTarget.of(799_999, CONFIGURED));
    }

    @Test
    void aLimitAtOrAboveTheConfiguredRateLiftsTheLimit() {
        assertEquals(0, RateTarget.of(800_000, CONFIGURED));
        assertEquals(0, RateTarget.of(2_500_000, CONFIGURED), "a REMB above our rate never raises it");
    }

    @Test
    void aTinyLimitStopsAtTheFloor() {
        assertEquals(RateTarget.FLOOR_BPS, RateTarget.of(10_000, CONFIGURED));
    }
}
