package org.webims.webrtc.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaType;
import org.webims.webrtc.congestion.SendBitrate;
import org.webims.webrtc.media.AudioBitrateShareTest.Sink;
import org.webims.webrtc.media.AudioBitrateShareTest.Source;

/**
 * The cap on our video toward the browser (decision 0066), told through a real pipeline's video
 * sink pad over a relaying link, so the limits reach the source element.
 */
class VideoBitrateCapTest {

    static final SendBitrate BOUNDS = new SendBitrate(50_000, 300_000, 2_500_000);
    static final long SECOND = 1_000_000_000L;

    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);

    @AfterEach
    void close() {
        engine.close();
    }

    VideoBitrateCap capTo(Source source) {
        Sink sink = new Sink(source.pipeline(), MediaType.VIDEO);
        source.connect(sink, MediaType.VIDEO);
        return new VideoBitrateCap(sink.sinkPad(MediaType.VIDEO), BOUNDS);
    }

    @Test
    void anEstimateClimbingInStepsUnderTheThresholdStillReachesTheUpperBound() {
        Source source = new Source(engine.createPipeline(), MediaType.VIDEO);
        VideoBitrateCap cap = capTo(source);
        long now = SECOND;
        for (long estimate = 2_300_000; estimate <= 2_700_000; estimate += 20_000) { // under 1 % a step
            cap.estimate(estimate, 0, now += SECOND / 10);
        }
        assertEquals(2_500_000, cap.applied(), "told " + source.limits);
        assertEquals(2_500_000L, source.limits.get(source.limits.size() - 1));
    }

    @Test
    void anEstimateFallingInSmallStepsStillReachesTheLowerBound() {
        Source source = new Source(engine.createPipeline(), MediaType.VIDEO);
        VideoBitrateCap cap = capTo(source);
        long now = SECOND;
        for (long estimate = 54_000; estimate >= 40_000; estimate -= 1_000) { // about 2 % a step
            cap.estimate(estimate, 0, now += SECOND / 10);
        }
        assertEquals(50_000, cap.applied(), "told " + source.limits);
    }

    @Test
    void smallMovesAwayFromTheBoundsAreNotToldAgain() {
        Source source = new Source(engine.createPipeline(), MediaType.VIDEO);
        VideoBitrateCap cap = capTo(source);
        long now = SECOND;
        cap.estimate(1_000_000, 0, now += SECOND / 10);
        cap.estimate(1_020_000, 0, now += SECOND / 10);
        cap.estimate(990_000, 0, now += SECOND / 10);
        assertEquals(1, source.limits.size(), "told " + source.limits);
        cap.estimate(1_100_000, 0, now += SECOND / 10);
        assertEquals(2, source.limits.size(), "a 10 % move is told: " + source.limits);
    }
}
