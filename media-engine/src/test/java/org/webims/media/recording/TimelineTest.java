package org.webims.media.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final int AUDIO = 0;
    private static final int VIDEO = 1;

    @Test
    void dropsEverythingBeforeTheFirstVideoKeyframeAndStartsThereAtZero() {
        Timeline t = new Timeline(2, true);
        assertEquals(Timeline.DROP, t.map(AUDIO, 1_000_000, 20_000, false, false, 0));
        assertEquals(Timeline.DROP, t.map(VIDEO, 1_010_000, 40_000, true, false, 0));
        assertEquals(0, t.map(VIDEO, 1_050_000, 40_000, true, true, 0));
        assertEquals(10_000, t.map(AUDIO, 1_060_000, 20_000, false, false, 0));
    }

    @Test
    void audioOnlyStartsOnTheFirstFrame() {
        Timeline t = new Timeline(1, false);
        assertEquals(0, t.map(AUDIO, 5_000, 20_000, false, false, 0));
        assertEquals(20_000, t.map(AUDIO, 25_000, 20_000, false, false, 0));
    }

    @Test
    void aNewSegmentContinuesWhereTheLastEndedSoPausedTimeIsCut() {
        Timeline t = new Timeline(1, false);
        t.map(AUDIO, 0, 20_000, false, false, 0);
        t.map(AUDIO, 20_000, 20_000, false, false, 0);
        // paused from 40 ms to 10 s: the next segment starts at 40 ms of the file
        assertEquals(40_000, t.map(AUDIO, 10_000_000, 20_000, false, false, 1));
        assertEquals(60_000, t.map(AUDIO, 10_020_000, 20_000, false, false, 1));
    }

    @Test
    void lateOrRepeatedFramesOfATrackAreDropped() {
        Timeline t = new Timeline(1, false);
        t.map(AUDIO, 100_000, 20_000, false, false, 0);
        t.map(AUDIO, 120_000, 20_000, false, false, 0);
        assertEquals(Timeline.DROP, t.map(AUDIO, 120_000, 20_000, false, false, 0));
        assertEquals(Timeline.DROP, t.map(AUDIO, 90_000, 20_000, false, false, 0));
    }
}
