package org.webims.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What several sinks of one source pad ask upstream, through relaying and adapting links. */
class FanOutFeedbackTest {

    static final MediaFormat VP8 = MediaPipelineTest.VP8;
    static final MediaFormat H264 = MediaPipelineTest.H264;

    final ByteTaggingAdapterFactory adapters = new ByteTaggingAdapterFactory();
    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), adapters);
    final MediaPipeline pipeline = engine.createPipeline();
    final PacketSourceElement source = new PacketSourceElement(pipeline);

    @AfterEach
    void close() {
        engine.close();
    }

    private PacketSinkElement viewer(MediaFormat accepted) {
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(accepted));
        source.connect(sink, MediaType.VIDEO);
        return sink;
    }

    @Test
    void relayedViewersLimitTheSourceToTheirMinimumUntilTheLowestLeaves() {
        source.send(VP8, new byte[] {1}, 1);
        PacketSinkElement poor = viewer(VP8);
        PacketSinkElement good = viewer(VP8);
        poor.sinkPad(MediaType.VIDEO).limitBitrate(200_000);
        good.sinkPad(MediaType.VIDEO).limitBitrate(1_000_000);
        good.sinkPad(MediaType.VIDEO).limitBitrate(1_000_000);
        assertEquals(List.of(200_000L), source.bitrateLimits);
        poor.release();
        assertEquals(List.of(200_000L, 1_000_000L), source.bitrateLimits);
        assertEquals(1_000_000L, source.upstreamStats().get("source.VIDEO.bitrateLimit"));
    }

    @Test
    void aDisconnectedViewerDropsOut() {
        PacketSinkElement poor = viewer(VP8);
        PacketSinkElement good = viewer(VP8);
        poor.sinkPad(MediaType.VIDEO).limitBitrate(200_000);
        good.sinkPad(MediaType.VIDEO).limitBitrate(700_000);
        source.disconnect(poor, MediaType.VIDEO);
        assertEquals(List.of(200_000L, 700_000L), source.bitrateLimits);
        poor.sinkPad(MediaType.VIDEO).limitBitrate(100_000);
        assertEquals(List.of(200_000L, 700_000L), source.bitrateLimits, "a sink fed by nothing limits nothing");
    }

    @Test
    void anAdapterPassingLimitsUpJoinsTheMinimumAndKeepsItAcrossARenegotiation() {
        source.send(VP8, new byte[] {1}, 1);
        PacketSinkElement relayed = viewer(VP8);
        PacketSinkElement adapted = viewer(H264);
        source.send(VP8, new byte[] {2}, 2);
        assertEquals(1, adapters.made.size());
        relayed.sinkPad(MediaType.VIDEO).limitBitrate(1_000_000);
        adapted.sinkPad(MediaType.VIDEO).limitBitrate(300_000);
        assertEquals(List.of(1_000_000L, 300_000L), source.bitrateLimits);
        // the adapted viewer now takes VP8: its link relays, its 300k ceiling goes the new way, nothing changes upstream
        adapted.sinkPad(MediaType.VIDEO).setAcceptedFormats(List.of(VP8));
        assertTrue(adapters.made.get(0).closed);
        adapters.made.get(0).limitBitrate(50_000); // what the replaced adapter still passes up counts no more
        assertEquals(List.of(1_000_000L, 300_000L), source.bitrateLimits);
        adapted.release();
        assertEquals(List.of(1_000_000L, 300_000L, 1_000_000L), source.bitrateLimits);
    }

    @Test
    void aTranscodedViewersKeyframeRequestIsServedByItsTranscoder() {
        source.send(VP8, new byte[] {1}, 1);
        PacketSinkElement transcoded = viewer(H264);
        PacketSinkElement relayed = viewer(VP8);
        source.send(VP8, new byte[] {2}, 2);
        ByteTaggingAdapterFactory.TaggingAdapter transcoder = adapters.made.get(0);
        assertEquals(FormatAdapter.Kind.TRANSCODE, transcoder.kind());
        // a keyframe request the transcoder serves itself never reaches the source
        transcoded.sinkPad(MediaType.VIDEO).requestKeyframe();
        assertEquals(1, transcoder.keyframesMade);
        relayed.sinkPad(MediaType.VIDEO).requestKeyframe();
        assertEquals(1, source.keyframeRequests.get());
    }

    @Test
    void keyframeRequestsOfSeveralViewersCoalesceAtTheSourcePad() {
        source.send(VP8, new byte[] {1}, 1);
        PacketSinkElement a = viewer(VP8);
        PacketSinkElement b = viewer(VP8);
        PacketSinkElement c = viewer(VP8);
        a.sinkPad(MediaType.VIDEO).requestKeyframe();
        b.sinkPad(MediaType.VIDEO).requestKeyframe();
        c.sinkPad(MediaType.VIDEO).requestKeyframe();
        assertEquals(1, source.keyframeRequests.get(), "one key frame request for three viewers");
        assertEquals(2L, source.upstreamStats().get("source.VIDEO.keyframeRequestsCoalesced"));
        a.sinkPad(MediaType.VIDEO).requestKeyframe();
        assertEquals(2, source.keyframeRequests.get(), "a viewer's own repeat goes on to the element's rate limit");
    }

    @Test
    void theCoalescingIntervalIsTheEnginesSetting() {
        assertEquals(Duration.ofMillis(300), MediaEngineSettings.defaults().keyframeCoalescingInterval());
        try (MediaEngine passAll = new MediaEngine(
                MediaEngineSettings.defaults().withKeyframeCoalescingInterval(Duration.ZERO), adapters)) {
            PacketSourceElement camera = new PacketSourceElement(passAll.createPipeline());
            camera.send(VP8, new byte[] {1}, 1);
            for (int i = 0; i < 3; i++) {
                PacketSinkElement viewer = new PacketSinkElement(camera.pipeline(), List.of(VP8));
                camera.connect(viewer, MediaType.VIDEO);
                viewer.sinkPad(MediaType.VIDEO).requestKeyframe();
            }
            assertEquals(3, camera.keyframeRequests.get(), "with 0 every viewer's request passes");
            assertEquals(0L, camera.upstreamStats().get("source.VIDEO.keyframeRequestsCoalesced"));
        }
    }
}
