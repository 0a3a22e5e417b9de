package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;

/** Bad requests over a raw WebSocket get JSON-RPC errors with Kurento's codes, and the connection carries on. */
class KurentoProtocolErrorsTest {

    MediaEngine engine;
    KurentoServer server;
    RawWebSocket ws;

    @BeforeEach
    void start() throws Exception {
        engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
        server = new KurentoServer(engine, KurentoServerSettings.defaults().withPort(0)
                .withLimits(64 * 1024, 10, 3).withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(300)));
        server.start();
        ws = RawWebSocket.open(server.uri());
    }

    @AfterEach
    void stop() {
        ws.close();
        server.stop();
        engine.close();
    }

    static int code(JsonNode reply) {
        assertTrue(reply.has("error"), () -> "an error expected, got " + reply);
        return reply.get("error").get("code").asInt();
    }

    void assertPingStillAnswered() throws Exception {
        assertEquals("pong", ws.value("ping", "{}").asText());
    }

    @Test
    void answersMalformedJsonWithParseErrorAndCarriesOn() throws Exception {
        JsonNode reply = ws.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
        assertEquals(-32700, code(reply));
        assertTrue(reply.get("id").isNull(), "JSON-RPC 2.0 §5: id null when it could not be read");
        assertPingStillAnswered();
    }

    @Test
    void answersWhatIsNotARequestWithInvalidRequest() throws Exception {
        assertEquals(-32600, code(ws.sendRaw("[1,2,3]")));
        assertEquals(-32600, code(ws.sendRaw("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}")));
        JsonNode noMethod = ws.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":12}");
        assertEquals(-32600, code(noMethod));
        assertEquals(8, noMethod.get("id").asInt(), "a readable id is echoed");
        assertPingStillAnswered();
    }

    @Test
    void answersUnknownMethodWithMethodNotFound() throws Exception {
        JsonNode reply = ws.call("teleport", "{}");
        assertEquals(-32601, code(reply));
        assertTrue(reply.get("error").get("message").asText().contains("teleport"));
        assertPingStillAnswered();
    }

    @Test
    void answersWrongParameterTypesWithInvalidParamsNamingTheParameter() throws Exception {
        JsonNode badType = ws.call("create", "{\"type\":42}");
        assertEquals(-32602, code(badType));
        assertTrue(badType.get("error").get("message").asText().contains("'type' must be a string"),
                badType.toString());

        String pipeline = ws.value("create", "{\"type\":\"MediaPipeline\"}").asText();
        String a = ws.value("create", "{\"type\":\"PassThrough\",\"constructorParams\":{\"mediaPipeline\":\"" + pipeline + "\"}}").asText();
        JsonNode sinkNumber = ws.call("invoke", "{\"object\":\"" + a + "\",\"operation\":\"connect\",\"operationParams\":{\"sink\":5}}");
        assertEquals(-32602, code(sinkNumber));
        assertTrue(sinkNumber.get("error").get("message").asText().contains("'sink'"), sinkNumber.toString());

        JsonNode missing = ws.call("invoke", "{\"object\":\"" + a + "\",\"operation\":\"isMediaFlowingIn\"}");
        assertEquals(-32602, code(missing));
        assertTrue(missing.get("error").get("message").asText().contains("missing parameter 'mediaType'"));

        assertEquals(-32602, code(ws.call("invoke", "{\"object\":\"" + a + "\",\"operation\":\"isMediaFlowingIn\","
                + "\"operationParams\":{\"mediaType\":\"SMELL\"}}")));
        assertEquals(40005, code(ws.call("invoke", "{\"object\":\"" + a + "\",\"operation\":\"isMediaFlowingIn\","
                + "\"operationParams\":{\"mediaType\":\"DATA\"}}")));
        assertEquals(-32602, code(ws.call("invoke", "{\"object\":\"" + a + "\",\"operation\":\"getName\",\"operationParams\":[1]}")));
        assertPingStillAnswered();
    }

    @Test
    void answersUnknownTypeOperationAndEventWithKurentoCodes() throws Exception {
        JsonNode unknownType = ws.call("create", "{\"type\":\"HologramEndpoint\"}");
        assertEquals(40100, code(unknownType));
        assertEquals("MEDIA_OBJECT_TYPE_NOT_FOUND", unknownType.get("error").get("data").get("type").asText());
        String pipeline = ws.value("create", "{\"type\":\"MediaPipeline\"}").asText();
        assertEquals(40105, code(ws.call("invoke", "{\"object\":\"" + pipeline + "\",\"operation\":\"fly\"}")));
        assertEquals(40106, code(ws.call("subscribe", "{\"object\":\"" + pipeline + "\",\"type\":\"Teleported\"}")));
        assertEquals(40101, code(ws.call("create", "{\"type\":\"PassThrough\",\"constructorParams\":{\"mediaPipeline\":\"nope\"}}")));
    }

    @Test
    void answersOperationsOnReleasedObjectsWithObjectNotFound() throws Exception {
        String pipeline = ws.value("create", "{\"type\":\"MediaPipeline\"}").asText();
        String element = ws.value("create", "{\"type\":\"PassThrough\",\"constructorParams\":{\"mediaPipeline\":\"" + pipeline + "\"}}").asText();
        ws.value("release", "{\"object\":\"" + pipeline + "\"}");
        assertTrue(engine.pipelines().isEmpty());
        JsonNode reply = ws.call("invoke", "{\"object\":\"" + element + "\",\"operation\":\"getName\"}");
        assertEquals(40101, code(reply), "the pipeline's release took its element with it");
        assertEquals("MEDIA_OBJECT_NOT_FOUND", reply.get("error").get("data").get("type").asText());
        assertEquals(40101, code(ws.call("release", "{\"object\":\"" + pipeline + "\"}")));
        assertEquals(40101, code(ws.call("subscribe", "{\"object\":\"" + pipeline + "\",\"type\":\"Error\"}")));
        assertEquals(0, server.objectCount(), "nothing left behind");
        assertPingStillAnswered();
    }

    @Test
    void answersUnknownOrForeignSessionIdWithInvalidSession() throws Exception {
        assertEquals(40007, code(ws.call("connect", "{\"sessionId\":\"not-a-session\"}")));
        assertEquals(40007, code(ws.call("create", "{\"type\":\"MediaPipeline\",\"sessionId\":\"not-a-session\"}")));
        assertTrue(engine.pipelines().isEmpty());
        JsonNode first = ws.call("create", "{\"type\":\"MediaPipeline\"}");
        String session = first.get("result").get("sessionId").asText();
        assertFalse(session.isEmpty(), "every response carries the sessionId");
        assertEquals(40007, code(ws.call("invoke", "{\"object\":\"x\",\"operation\":\"getName\",\"sessionId\":\"other\"}")));
        assertEquals(session, ws.call("ping", "{}").get("result").get("sessionId").asText());
    }

    @Test
    void refusesObjectsBeyondTheSessionLimit() throws Exception {
        for (int i = 0; i < 3; i++) {
            ws.value("create", "{\"type\":\"MediaPipeline\"}");
        }
        JsonNode reply = ws.call("create", "{\"type\":\"MediaPipeline\"}");
        assertEquals(40009, code(reply));
        assertEquals(3, engine.pipelines().size());
    }

    @Test
    void closesAnOversizeMessageWith1009AndServesTheNextConnection() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(100_000) + "\"}}";
        ws.socket.sendText(big, true);
        assertEquals(1009, ws.awaitClose(), "RFC 6455 §7.4.1: message too big");
        try (RawWebSocket next = RawWebSocket.open(server.uri())) {
            assertEquals("pong", next.value("ping", "{}").asText());
        }
    }

    @Test
    void closesAnOversizeFragmentedMessageWith1009() throws Exception {
        String part = "x".repeat(40_000);
        // each fragment after the previous one is out: the JDK client refuses overlapping sends
        sendQuietly("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + part, false);
        sendQuietly(part, false);
        sendQuietly(part + "\"}}", true);
        assertEquals(1009, ws.awaitClose());
    }

    @Test
    void closesABinaryMessageWith1003AndHostileClientsLeaveNothingBehind() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (RawWebSocket hostile = RawWebSocket.open(server.uri())) {
                hostile.value("create", "{\"type\":\"MediaPipeline\"}");
                assertEquals(-32700, code(hostile.sendRaw("{not json")));
                assertEquals(-32601, code(hostile.call("teleport", "{}")));
                hostile.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
                assertEquals(1003, hostile.awaitClose(), "RFC 6455 §7.4.1: Kurento speaks text only");
            }
        }
        // each session is released once its connection has been gone for the release timeout
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while ((server.sessionCount() > 0 || !engine.pipelines().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.sessionCount(), "no session left behind");
        assertEquals(0, server.objectCount(), "no object left behind");
        assertTrue(engine.pipelines().isEmpty(), "no pipeline left behind");
        assertPingStillAnswered();
    }

    @Test
    void describesObjectsWithTheirKurentoHierarchy() throws Exception {
        String pipeline = ws.value("create", "{\"type\":\"MediaPipeline\"}").asText();
        String meter = ws.value("create", "{\"type\":\"AudioLevelMeter\",\"constructorParams\":{\"mediaPipeline\":\"" + pipeline + "\"}}").asText();
        JsonNode described = ws.call("describe", "{\"object\":\"" + meter + "\"}").get("result");
        assertEquals("AudioLevelMeter", described.get("type").asText());
        assertEquals("kurento.AudioLevelMeter", described.get("qualifiedType").asText());
        assertEquals("[\"kurento.Filter\",\"kurento.MediaElement\",\"kurento.MediaObject\"]", described.get("hierarchy").toString());
        JsonNode stats = ws.value("invoke", "{\"object\":\"" + meter + "\",\"operation\":\"getStats\",\"operationParams\":{\"mediaType\":\"AUDIO\"}}");
        assertEquals(0, stats.get("sink.AUDIO").get("packets").asLong());
        assertFalse(stats.has("sink.VIDEO"), "only the media type asked for");
        // our extra fields on a source pad's ElementStats: what its viewers' feedback became upstream (decision 0077)
        JsonNode source = stats.get("source.AUDIO");
        for (String extra : List.of("keyframeRequestsPassed", "keyframeRequestsCoalesced", "bitrateLimitsPassed",
                "bitrateLimit", "bitrateLimitsLifted")) {
            assertEquals(0, source.get(extra).asLong(), extra);
        }
        assertFalse(stats.get("sink.AUDIO").has("keyframeRequestsCoalesced"), "a sink pad passes nothing upstream");
    }

    @Test
    void answersNothingToANotification() throws Exception {
        ws.socket.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}", true).get();
        JsonNode next = ws.call("ping", "{}");
        assertEquals("pong", next.get("result").get("value").asText(), "the first reply is the ping's: none came for the notification");
    }

    /** Sends one fragment and waits until it is out; a send the server's close cut short is fine. */
    private void sendQuietly(String text, boolean last) {
        try {
            ws.socket.sendText(text, last).join();
        } catch (java.util.concurrent.CompletionException closedMeanwhile) {
            // the server may close with 1009 before the last fragment: that is what is being tested
        }
    }
}
