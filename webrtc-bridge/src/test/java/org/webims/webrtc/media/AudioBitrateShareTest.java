package org.webims.webrtc.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.webrtc.congestion.SendBitrate;

/**
 * Our audio's share of the send-side estimate (decision 0070): all it wants while the estimate
 * leaves video its minimum, less as the estimate falls, never under its floor, back when the
 * estimate recovers; told through a real pipeline's audio sink pad (here a relaying link, so the
 * limit reaches the source element).
 */
class AudioBitrateShareTest {

    static final SendBitrate BOUNDS = new SendBitrate(50_000, 300_000, 2_500_000);
    static final long SECOND = 1_000_000_000L;

    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);

    @AfterEach
    void close() {
        engine.close();
    }

    /** An element whose source of one type records the limits that reach it, and one with a sink. */
    static final class Source extends MediaElement {
        final List<Long> limits = new CopyOnWriteArrayList<>();

        Source(MediaPipeline pipeline) {
            this(pipeline, MediaType.AUDIO);
        }

        Source(MediaPipeline pipeline, MediaType type) {
            super(pipeline, "Source");
            addSourcePad(type, new UpstreamControl() {
                @Override public void requestKeyframe() { }
                @Override public void limitBitrate(long bps) { limits.add(bps); }
            });
        }
    }

    static final class Sink extends MediaElement {
        Sink(MediaPipeline pipeline, MediaType type) {
            super(pipeline, "Sink");
            addSinkPad(type, p -> { });
        }
    }

    /** A share told through a relaying link to {@code source}'s audio. */
    static AudioBitrateShare shareTo(Source source) {
        Sink sink = new Sink(source.pipeline(), MediaType.AUDIO);
        source.connect(sink, MediaType.AUDIO);
        return new AudioBitrateShare(sink.sinkPad(MediaType.AUDIO), BOUNDS);
    }

    @Test
    void theShareIsAllTheAudioWantsUntilTheEstimateNoLongerLeavesVideoItsMinimum() {
        long overhead = AudioBitrateShare.OVERHEAD_BPS;
        assertEquals(15_200, overhead, "38 bytes beside each of 50 payloads a second");
        assertEquals(32_000, AudioBitrateShare.share(2_000_000, 50_000));
        assertEquals(32_000, AudioBitrateShare.share(50_000 + 32_000 + overhead, 50_000), "just enough for both");
        assertEquals(26_000, AudioBitrateShare.share(50_000 + 26_000 + overhead, 50_000), "audio gives way");
        assertEquals(20_000, AudioBitrateShare.share(60_000, 50_000), "never under the floor");
        assertEquals(32_000, AudioBitrateShare.share(50_000, 0), "no video: the whole estimate is the audio's");
    }

    @Test
    void aFallingEstimateLowersTheAudioTargetAndARecoveringOneRestoresIt() {
        Source source = new Source(engine.createPipeline());
        AudioBitrateShare share = shareTo(source);
        long now = SECOND;
        long video = 0;
        share.estimate(1_000_000, ++video, now += SECOND / 10);
        assertEquals(List.of(32_000L), source.limits);
        share.estimate(900_000, ++video, now += SECOND / 10);
        assertEquals(1, source.limits.size(), "an unchanged share is not told again");
        share.estimate(90_000, ++video, now += SECOND / 10);
        share.estimate(70_000, ++video, now += SECOND / 10);
        assertEquals(List.of(32_000L, 24_800L, 20_000L), source.limits);
        assertEquals(20_000, share.applied());
        share.estimate(70_000, video, now += 2 * SECOND); // the video stopped: the audio takes the estimate
        share.estimate(400_000, video, now += SECOND / 10);
        assertEquals(List.of(32_000L, 24_800L, 20_000L, 32_000L), source.limits);
    }

    @Test
    void aShareClimbingInSmallStepsStillReachesWhatTheAudioWants() {
        Source source = new Source(engine.createPipeline());
        AudioBitrateShare share = shareTo(source);
        long now = SECOND;
        long video = 0;
        for (long estimate = 80_000; estimate <= 100_000; estimate += 500) { // steps of 500 bit/s, under STEP
            share.estimate(estimate, ++video, now += SECOND / 10);
        }
        assertEquals(32_000, share.applied(), "told " + source.limits);
        assertEquals(32_000L, source.limits.get(source.limits.size() - 1));
    }
}
