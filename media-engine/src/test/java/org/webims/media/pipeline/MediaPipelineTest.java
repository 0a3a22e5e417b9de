package org.webims.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.filter.PassThrough;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.pipeline.event.MediaFlowInStateChanged;
import org.webims.media.pipeline.event.MediaFlowOutStateChanged;
import org.webims.media.pipeline.event.MediaTranscodingStateChanged;

class MediaPipelineTest {

    static final MediaFormat OPUS = MediaFormat.audio("opus", 48000, 2);
    static final MediaFormat AMRWB_BE = MediaFormat.audio("AMR-WB", 16000, 1);
    static final MediaFormat AMRWB_OA = AMRWB_BE.with("octet-align", "1");
    static final MediaFormat VP8 = MediaFormat.video("VP8");
    static final MediaFormat H264 = MediaFormat.video("H264").with("packetization-mode", "1");

    final ByteTaggingAdapterFactory adapters = new ByteTaggingAdapterFactory();
    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults()
            .withFlowTimeout(Duration.ofMillis(300)).withMaxPipelines(3), adapters);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void relaysSamePayloadFormatWithoutAdapter() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(sink, MediaType.AUDIO);
        byte[] payload = {1, 2, 3};
        source.send(OPUS, payload, 1);
        assertEquals(1, sink.received.size());
        assertSame(payload, sink.received.get(0).buffer(), "the very buffer arrives: nothing copied");
        assertTrue(adapters.made.isEmpty());
        assertFalse(source.isMediaTranscoding(MediaType.AUDIO));
    }

    @Test
    void repacketizesSameCodecInAnotherPayloadFormat() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS, AMRWB_OA));
        source.connect(sink, MediaType.AUDIO);
        source.send(AMRWB_BE, new byte[] {9}, 1);
        assertEquals(AMRWB_OA, sink.received.get(0).format());
        assertEquals('R', sink.received.get(0).payload()[0]);
        assertFalse(source.isMediaTranscoding(MediaType.AUDIO), "repacketizing is not transcoding");
    }

    @Test
    void transcodesToSinksFirstPreferenceAndSaysSo() throws Exception {
        MediaPipeline pipeline = engine.createPipeline();
        BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
        pipeline.addEventListener(events::add);
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(H264));
        source.connect(sink, MediaType.VIDEO);
        source.send(VP8, new byte[] {7}, 1);
        assertEquals(H264, sink.received.get(0).format());
        assertEquals('T', sink.received.get(0).payload()[0]);
        assertTrue(source.isMediaTranscoding(MediaType.VIDEO));
        MediaTranscodingStateChanged started = next(events, MediaTranscodingStateChanged.class);
        assertTrue(started.transcoding());
        assertEquals(VP8, started.from());
        assertEquals(H264, started.to());
        assertEquals(sink.id(), started.sinkElementId());

        // the far side renegotiates to VP8: the transcoder goes away, with an event
        sink.sinkPad(MediaType.VIDEO).setAcceptedFormats(List.of(VP8));
        assertTrue(adapters.made.get(0).closed, "the transcoder was closed");
        MediaTranscodingStateChanged stopped = next(events, MediaTranscodingStateChanged.class);
        assertFalse(stopped.transcoding());
        source.send(VP8, new byte[] {8}, 2);
        assertEquals(8, sink.received.get(1).payload()[0]);
    }

    @Test
    void keyframeRequestIsServedByTranscoderNotForwarded() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(H264));
        source.connect(sink, MediaType.VIDEO);
        source.send(VP8, new byte[] {7}, 1);
        sink.sinkPad(MediaType.VIDEO).requestKeyframe();
        assertEquals(1, adapters.made.get(0).keyframesMade);
        assertEquals(0, source.keyframeRequests.get());
    }

    @Test
    void keyframeAndBitrateRequestsTravelUpstreamThroughPassThrough() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PassThrough middle = new PassThrough(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(VP8));
        source.connect(middle);
        middle.connect(sink);
        source.send(VP8, new byte[] {1}, 1);
        assertEquals(1, sink.received.size());
        sink.sinkPad(MediaType.VIDEO).requestKeyframe();
        sink.sinkPad(MediaType.VIDEO).limitBitrate(300_000);
        assertEquals(1, source.keyframeRequests.get());
        assertEquals(300_000, source.bitrateLimit);
    }

    @Test
    void fansOutToSeveralSinks() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement a = new PacketSinkElement(pipeline, List.of(OPUS));
        PacketSinkElement b = new PacketSinkElement(pipeline, List.of());
        source.connect(a, MediaType.AUDIO);
        source.connect(b, MediaType.AUDIO);
        source.send(OPUS, new byte[] {5}, 1);
        assertEquals(1, a.received.size());
        assertEquals(1, b.received.size());
        assertEquals(List.of(a, b), source.sinkConnections(MediaType.AUDIO));
    }

    @Test
    void newConnectionReplacesWhatFedTheSink() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement first = new PacketSourceElement(pipeline);
        PacketSourceElement second = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        first.connect(sink, MediaType.AUDIO);
        second.connect(sink, MediaType.AUDIO);
        first.send(OPUS, new byte[] {1}, 1);
        second.send(OPUS, new byte[] {2}, 1);
        assertEquals(1, sink.received.size());
        assertEquals(2, sink.received.get(0).payload()[0]);
        assertSame(second, sink.sourceConnection(MediaType.AUDIO));
        assertTrue(first.sinkConnections(MediaType.AUDIO).isEmpty());
    }

    @Test
    void unconvertibleFormatIsDroppedCountedAndReported() throws Exception {
        MediaPipeline pipeline = engine.createPipeline();
        BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
        pipeline.addEventListener(events::add);
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(sink, MediaType.AUDIO);
        source.send(MediaFormat.audio("unknown", 8000, 1), new byte[] {1}, 1);
        assertTrue(sink.received.isEmpty());
        assertEquals(1, source.sourcePad(MediaType.AUDIO).counters().dropped());
        assertEquals("NO_CONVERSION", next(events, MediaErrorEvent.class).errorType());
    }

    @Test
    void reportsFlowStartingAndStopping() throws Exception {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        BlockingQueue<MediaEvent> sinkEvents = new LinkedBlockingQueue<>();
        BlockingQueue<MediaEvent> sourceEvents = new LinkedBlockingQueue<>();
        sink.addEventListener(sinkEvents::add);
        source.addEventListener(sourceEvents::add);
        source.connect(sink, MediaType.AUDIO);
        // keep media coming until the monitor has seen it, however slow the machine
        MediaFlowInStateChanged started = null;
        for (int seq = 1; started == null && seq < 500; seq++) {
            source.send(OPUS, new byte[] {1}, seq);
            MediaEvent e = sinkEvents.poll(20, TimeUnit.MILLISECONDS);
            if (e instanceof MediaFlowInStateChanged flow) {
                started = flow;
            }
        }
        assertEquals(FlowState.FLOWING, started.state());
        assertEquals(FlowState.FLOWING, next(sourceEvents, MediaFlowOutStateChanged.class).state());
        // nothing more is sent: after the flow timeout both pads report the stop
        assertEquals(FlowState.NOT_FLOWING, next(sinkEvents, MediaFlowInStateChanged.class).state());
        assertEquals(FlowState.NOT_FLOWING, next(sourceEvents, MediaFlowOutStateChanged.class).state());
        assertFalse(sink.isMediaFlowingIn(MediaType.AUDIO));
    }

    @Test
    void releasingPipelineReleasesElementsAndClosesAdapters() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(H264));
        source.connect(sink, MediaType.VIDEO);
        source.send(VP8, new byte[] {1}, 1);
        pipeline.release();
        assertTrue(source.isReleased());
        assertTrue(sink.isReleased());
        assertTrue(adapters.made.get(0).closed);
        assertTrue(pipeline.elements().isEmpty());
        assertNull(engine.pipeline(pipeline.id()));
        assertThrows(IllegalStateException.class, () -> new PassThrough(pipeline));
    }

    @Test
    void releasedElementIsDisconnectedAndRefusesConnections() {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(sink, MediaType.AUDIO);
        sink.release();
        source.send(OPUS, new byte[] {1}, 1);
        assertTrue(sink.received.isEmpty());
        assertTrue(source.sinkConnections(MediaType.AUDIO).isEmpty());
        assertThrows(IllegalStateException.class, () -> source.connect(sink, MediaType.AUDIO));
        assertNull(pipeline.element(sink.id()));
    }

    @Test
    void refusesPipelinesBeyondTheLimit() {
        engine.createPipeline();
        engine.createPipeline();
        MediaPipeline third = engine.createPipeline();
        assertThrows(MediaLimitException.class, engine::createPipeline);
        third.release();
        engine.createPipeline();
    }

    @Test
    void refusesConnectionsAcrossPipelines() {
        PacketSourceElement source = new PacketSourceElement(engine.createPipeline());
        PacketSinkElement sink = new PacketSinkElement(engine.createPipeline(), List.of(OPUS));
        assertThrows(IllegalArgumentException.class, () -> source.connect(sink));
    }

    @Test
    void elementIdsFollowKurentosShape() {
        MediaPipeline pipeline = engine.createPipeline();
        PassThrough element = new PassThrough(pipeline);
        assertTrue(pipeline.id().endsWith("_kurento.MediaPipeline"));
        assertTrue(element.id().startsWith(pipeline.id() + "/"));
        assertTrue(element.id().endsWith("_kurento.PassThrough"));
        assertSame(element, pipeline.element(element.id()));
    }

    private static <T extends MediaEvent> T next(BlockingQueue<MediaEvent> events, Class<T> type)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            MediaEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 5 s");
    }
}
