package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.ElementConnectionData;
import org.kurento.client.GenericMediaElement;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaFlowInStateChangedEvent;
import org.kurento.client.MediaFlowState;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.PassThrough;
import org.kurento.client.Transaction;
import org.kurento.client.internal.server.KurentoServerException;
import org.kurento.jsonrpc.Props;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.PacketSourceElement;

/** The stock kurento-client 7.3.0 drives our engine through the server, unchanged. */
class KurentoClientCompatibilityTest {

    MediaEngine engine;
    KurentoServer server;
    KurentoClient client;

    @BeforeEach
    void start() throws Exception {
        engine = new MediaEngine(MediaEngineSettings.defaults().withFlowTimeout(Duration.ofMillis(500)),
                FormatAdapterFactory.NONE);
        server = new KurentoServer(engine, KurentoServerSettings.defaults().withPort(0)
                .withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(500)));
        server.start();
        client = KurentoClient.create(server.uri().toString());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroy();
        }
        server.stop();
        engine.close();
    }

    @Test
    void createsConnectsListsAndReleasesPipelineAndPassThroughs() {
        MediaPipeline pipeline = client.createMediaPipeline();
        PassThrough a = new PassThrough.Builder(pipeline).build();
        PassThrough b = new PassThrough.Builder(pipeline).build();
        a.connect(b);
        List<ElementConnectionData> sinks = a.getSinkConnections();
        assertEquals(2, sinks.size(), "audio and video");
        for (ElementConnectionData c : sinks) {
            assertEquals(a.getId(), c.getSource().getId());
            assertEquals(b.getId(), c.getSink().getId());
        }
        assertEquals(1, b.getSourceConnections(MediaType.VIDEO).size());
        assertEquals(a.getId(), b.getSourceConnections(MediaType.VIDEO).get(0).getSource().getId());
        assertEquals(pipeline.getId(), a.getMediaPipeline().getId());
        assertEquals(2, pipeline.getChildren().size());
        a.setName("caller-leg");
        assertEquals("caller-leg", a.getName());
        assertFalse(a.isMediaFlowingIn(MediaType.AUDIO));
        assertFalse(a.isMediaTranscoding(MediaType.AUDIO));
        java.util.Map<String, org.kurento.client.Stats> stats = a.getStats(MediaType.AUDIO);
        assertEquals(java.util.Set.of("sink.AUDIO", "source.AUDIO"), stats.keySet());
        assertTrue(stats.get("sink.AUDIO") instanceof org.kurento.client.ElementStats);
        assertTrue(stats.get("source.AUDIO") instanceof org.kurento.client.ElementStats, "our extra fields do not upset it");

        a.disconnect(b, MediaType.AUDIO);
        assertEquals(1, a.getSinkConnections().size());

        assertEquals(1, engine.pipelines().size());
        assertEquals(2, engine.pipeline(pipeline.getId()).elements().size());
        pipeline.release();
        assertTrue(engine.pipelines().isEmpty());
        assertEquals(0, server.objectCount());
    }

    @Test
    void deliversMediaFlowEventsToSubscribers() throws Exception {
        MediaPipeline pipeline = client.createMediaPipeline();
        PassThrough passThrough = new PassThrough.Builder(pipeline).build();
        BlockingQueue<MediaFlowInStateChangedEvent> events = new LinkedBlockingQueue<>();
        org.kurento.client.ListenerSubscription subscription = passThrough.addMediaFlowInStateChangedListener(events::add);

        // a real element on the server side feeds the pass-through
        PacketSourceElement source = new PacketSourceElement(engine.pipeline(pipeline.getId()));
        source.connect(engine.pipeline(pipeline.getId()).element(passThrough.getId()),
                org.webims.media.pipeline.MediaType.AUDIO);
        MediaFormat opus = MediaFormat.audio("opus", 48000, 2);
        MediaFlowInStateChangedEvent event = null;
        for (int seq = 0; seq < 200 && event == null; seq++) {
            source.send(opus, new byte[] {1, 2, 3}, seq);
            event = events.poll(20, TimeUnit.MILLISECONDS);
        }
        assertNotNull(event, "MediaFlowInStateChanged reached the client");
        assertEquals(MediaFlowState.FLOWING, event.getState());
        assertEquals(MediaType.AUDIO, event.getMediaType());
        assertEquals(passThrough.getId(), event.getSource().getId());
        assertTrue(passThrough.isMediaFlowingIn(MediaType.AUDIO));

        MediaFlowInStateChangedEvent stopped = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(stopped, "the flow timeout passed without packets");
        assertEquals(MediaFlowState.NOT_FLOWING, stopped.getState());

        // kurento-client's removeListener is an unsubscribe the server accepts (an error would throw here)
        passThrough.removeMediaFlowInStateChangedListener(subscription);
        for (int seq = 200; seq < 250; seq++) {
            source.send(opus, new byte[] {1, 2, 3}, seq);
            Thread.sleep(10);
        }
        assertTrue(passThrough.isMediaFlowingIn(MediaType.AUDIO), "the flow restarted");
        assertNull(events.poll(300, TimeUnit.MILLISECONDS), "no event after unsubscribing");
    }

    @Test
    void drivesAudioLevelMeterThroughGenericMediaElement() throws Exception {
        MediaPipeline pipeline = client.createMediaPipeline();
        GenericMediaElement meter = new GenericMediaElement.Builder(pipeline, "AudioLevelMeter")
                .withConstructorParam("thresholdDbov", -40.0).build();
        assertTrue(meter.getId().endsWith("_kurento.AudioLevelMeter"), meter.getId());
        BlockingQueue<VoiceActivityClientEvent> voice = new LinkedBlockingQueue<>();
        meter.addEventListener("VoiceActivity", voice::add, VoiceActivityClientEvent.class);

        PacketSourceElement source = new PacketSourceElement(engine.pipeline(pipeline.getId()));
        source.connect(engine.pipeline(pipeline.getId()).element(meter.getId()), org.webims.media.pipeline.MediaType.AUDIO);
        source.send(MediaFormat.pcm(16000), loudFrame(), 1);

        VoiceActivityClientEvent event = voice.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "VoiceActivity reached the client's own event class");
        assertTrue(event.isSpeaking());
        assertTrue(event.getFrameDbov() > -10, "a full-scale square wave is near 0 dBov: " + event.getFrameDbov());
        assertEquals(meter.getId(), event.getSource().getId());
    }

    @Test
    void invokesVideoOverlayOperationsThroughGenericInvoke() {
        MediaPipeline pipeline = client.createMediaPipeline();
        GenericMediaElement overlay = new GenericMediaElement.Builder(pipeline, "VideoOverlay").build();
        Props params = new Props("text", "REC").add("x", 0.05).add("y", 0.05);
        overlay.invoke("showText", params, Void.class);
        overlay.invoke("clear", new Props(), Void.class);
        KurentoServerException unknown = assertThrows(KurentoServerException.class,
                () -> overlay.invoke("explode", new Props(), Void.class));
        assertEquals(40105, unknown.getCode());
        KurentoServerException missing = assertThrows(KurentoServerException.class,
                () -> overlay.invoke("showText", new Props("x", 0.1), Void.class));
        assertEquals(-32602, missing.getCode());
    }

    @Test
    void commitsATransactionThatCreatesAndConnects() {
        MediaPipeline pipeline = client.createMediaPipeline();
        Transaction tx = pipeline.beginTransaction();
        PassThrough a = new PassThrough.Builder(pipeline).build(tx);
        PassThrough b = new PassThrough.Builder(pipeline).build(tx);
        a.connect(tx, b);
        tx.commit();
        assertTrue(a.isCommited());
        assertEquals(b.getId(), a.getSinkConnections(MediaType.AUDIO).get(0).getSink().getId());
        assertEquals(2, engine.pipeline(pipeline.getId()).elements().size());
    }

    @Test
    void releasesADisconnectedClientsObjectsAfterTheTimeout() throws Exception {
        client.createMediaPipeline();
        assertEquals(1, engine.pipelines().size());
        client.destroy();
        client = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!engine.pipelines().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(engine.pipelines().isEmpty(), "the session's pipeline was released");
        assertEquals(0, server.sessionCount());
    }

    @Test
    void unknownTypeFailsWithKurentosTypeNotFound() {
        MediaPipeline pipeline = client.createMediaPipeline();
        KurentoServerException e = assertThrows(KurentoServerException.class,
                () -> new GenericMediaElement.Builder(pipeline, "NoSuchFilter").build());
        assertEquals(40100, e.getCode());
        assertEquals("MEDIA_OBJECT_TYPE_NOT_FOUND", e.getErrorType());
        assertNull(engine.pipeline(pipeline.getId()).elements().stream().findAny().orElse(null));
    }

    /** 20 ms of a full-scale square wave at 16 kHz, big-endian 16-bit. */
    static byte[] loudFrame() {
        byte[] frame = new byte[640];
        for (int i = 0; i < 320; i++) {
            short s = (short) ((i / 8) % 2 == 0 ? 30000 : -30000);
            frame[2 * i] = (byte) (s >> 8);
            frame[2 * i + 1] = (byte) s;
        }
        return frame;
    }
}
