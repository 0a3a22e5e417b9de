package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;
import org.kurento.client.MediaPipeline;
import org.kurento.client.PassThrough;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;

/** A session outlives its connection for the release timeout; connect with its sessionId takes it back. */
class KurentoSessionResumeTest {

    // kurento-client waits 2 s before reconnecting; the timeout leaves room for that
    static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(4);

    MediaEngine engine;
    KurentoServer server;

    @BeforeEach
    void start() throws Exception {
        engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
        server = new KurentoServer(engine, KurentoServerSettings.defaults().withPort(0)
                .withTimeouts(Duration.ofSeconds(60), RELEASE_TIMEOUT));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        engine.close();
    }

    @Test
    void kurentoClientReconnectingWithinTheTimeoutKeepsItsObjects() throws Exception {
        BlockingQueue<Boolean> reconnected = new LinkedBlockingQueue<>();
        try (TcpRelay relay = new TcpRelay(server.address())) {
            KurentoClient client = KurentoClient.create("ws://127.0.0.1:" + relay.port() + "/kurento",
                    new KurentoConnectionListener() {
                        @Override public void connected() { }
                        @Override public void connectionFailed() { }
                        @Override public void disconnected() { }
                        @Override public void reconnected(boolean sameServer) { reconnected.add(sameServer); }
                    });
            try {
                MediaPipeline pipeline = client.createMediaPipeline();
                PassThrough passThrough = new PassThrough.Builder(pipeline).build();
                long dropped = System.nanoTime();
                relay.dropConnections();

                Boolean sameSession = reconnected.poll(10, TimeUnit.SECONDS);
                assertEquals(Boolean.TRUE, sameSession, "connect with the old sessionId was accepted");
                // wait until the release timeout has passed since the drop
                long remaining = RELEASE_TIMEOUT.toNanos() + TimeUnit.MILLISECONDS.toNanos(500) - (System.nanoTime() - dropped);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, remaining));

                assertEquals(1, engine.pipelines().size(), "the pipeline outlived the timeout");
                passThrough.setName("still-here");
                assertEquals("still-here", passThrough.getName());
                assertEquals(1, server.sessionCount());
            } finally {
                client.destroy();
            }
        }
    }

    @Test
    void aSessionNotResumedInTimeIsReleasedAndItsIdRefused() throws Exception {
        String sessionId;
        try (RawWebSocket first = RawWebSocket.open(server.uri())) {
            JsonNode created = first.call("create", "{\"type\":\"MediaPipeline\"}");
            sessionId = created.get("result").get("sessionId").asText();
        }
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos() * 3;
        while (!engine.pipelines().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(engine.pipelines().isEmpty());
        try (RawWebSocket later = RawWebSocket.open(server.uri())) {
            JsonNode reply = later.call("connect", "{\"sessionId\":\"" + sessionId + "\"}");
            assertEquals(40007, reply.get("error").get("code").asInt());
        }
    }

    @Test
    void rawConnectWithSessionIdResumesAndKeepsSubscriptionsWorking() throws Exception {
        String sessionId;
        String pipeline;
        try (RawWebSocket first = RawWebSocket.open(server.uri())) {
            JsonNode created = first.call("create", "{\"type\":\"MediaPipeline\"}");
            sessionId = created.get("result").get("sessionId").asText();
            pipeline = created.get("result").get("value").asText();
        }
        try (RawWebSocket second = RawWebSocket.open(server.uri())) {
            JsonNode resumed = second.call("connect", "{\"sessionId\":\"" + sessionId + "\"}");
            assertEquals(sessionId, resumed.get("result").get("sessionId").asText());
            assertEquals(pipeline, second.value("invoke", "{\"object\":\"" + pipeline + "\",\"operation\":\"getName\"}").asText(),
                    "an unnamed object is called by its id");
        }
    }
}
