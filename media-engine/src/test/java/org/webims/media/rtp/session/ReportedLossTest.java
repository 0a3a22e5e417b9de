package org.webims.media.rtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The receiver's reported loss, smoothed as libwebrtc's Opus sender smooths it (10 s time constant). */
class ReportedLossTest {

    static final long SECOND = 1_000_000_000L;
    static final int TWENTY_PERCENT = 51; // 51/256 = 19.9 % (RFC 3550 §6.4.1: fraction lost in 1/256)

    @Test
    void nothingReportedIsNoLossAndTheFirstReportIsTakenAsItIs() {
        ReportedLoss loss = new ReportedLoss();
        assertEquals(0, loss.percent());
        assertEquals(0.0, loss.fraction());
        loss.add(TWENTY_PERCENT, 5 * SECOND);
        assertEquals(51 / 256.0, loss.fraction(), 1e-12);
        assertEquals(20, loss.percent(), "rounded to whole percent");
    }

    @Test
    void aStepOfLossIsFollowedWithATimeConstantOfTenSeconds() {
        ReportedLoss loss = new ReportedLoss();
        loss.add(0, 0);
        for (int s = 1; s <= 10; s++) {
            loss.add(TWENTY_PERCENT, s * SECOND);
        }
        // 1 - 0.9999^10000 = 63.2 % of the step after one time constant
        assertEquals((51 / 256.0) * (1 - Math.pow(0.9999, 10_000)), loss.fraction(), 1e-9);
        assertEquals(13, loss.percent());
        for (int s = 11; s <= 60; s++) {
            loss.add(TWENTY_PERCENT, s * SECOND);
        }
        assertEquals(20, loss.percent(), "settled on the reported loss");
        for (int s = 61; s <= 70; s++) {
            loss.add(0, s * SECOND);
        }
        assertEquals(7, loss.percent(), "and falls back as slowly: 19.9 % x 0.368");
    }

    @Test
    void howOftenTheReceiverReportsDoesNotChangeHowFastASteadyLossIsFollowed() {
        ReportedLoss everySecond = new ReportedLoss();
        ReportedLoss everyFiveSeconds = new ReportedLoss(); // a browser's audio receiver reports about every 5 s
        everySecond.add(0, 0);
        everyFiveSeconds.add(0, 0);
        for (int s = 1; s <= 20; s++) {
            everySecond.add(TWENTY_PERCENT, s * SECOND);
            if (s % 5 == 0) {
                everyFiveSeconds.add(TWENTY_PERCENT, s * SECOND);
            }
        }
        assertEquals(everySecond.fraction(), everyFiveSeconds.fraction(), 1e-9);
    }

    @Test
    void aBurstInOneReportMovesItLittle() {
        ReportedLoss loss = new ReportedLoss();
        for (int s = 0; s < 30; s++) {
            loss.add(s == 20 ? 255 : 0, s * SECOND);
        }
        // one second of total loss weighs 1 - 0.9999^1000 = 9.5 %, and nine seconds later 0.9999^9000 of that
        assertEquals(4, loss.percent(), "one bad second of 30, nine seconds ago: " + loss.fraction());
    }
}
