package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PacketSourceElement;

/** onEvent notifications in Kurento's exact shape, and the connection limits. */
class KurentoEventsAndLimitsTest {

    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults().withFlowTimeout(Duration.ofMillis(500)),
            FormatAdapterFactory.NONE);
    KurentoServer server;

    @AfterEach
    void stop() {
        server.stop();
        engine.close();
    }

    void start(KurentoServerSettings settings) throws Exception {
        server = new KurentoServer(engine, settings);
        server.start();
    }

    @Test
    void sendsOneOnEventInKurentosShapePerEventEvenWhenSubscribedTwice() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0));
        try (RawWebSocket ws = RawWebSocket.open(server.uri())) {
            String pipelineId = ws.value("create", "{\"type\":\"MediaPipeline\"}").asText();
            String meter = ws.value("create", "{\"type\":\"AudioLevelMeter\",\"constructorParams\":{\"mediaPipeline\":\""
                    + pipelineId + "\"}}").asText();
            String first = ws.value("subscribe", "{\"object\":\"" + meter + "\",\"type\":\"MediaFlowInStateChanged\"}").asText();
            String second = ws.value("subscribe", "{\"object\":\"" + meter + "\",\"type\":\"MediaFlowInStateChanged\"}").asText();
            assertFalse(first.equals(second), "each subscription has its own id");

            MediaPipeline pipeline = engine.pipeline(pipelineId);
            PacketSourceElement source = new PacketSourceElement(pipeline);
            source.connect(pipeline.element(meter), MediaType.AUDIO);
            JsonNode event = null;
            for (int seq = 0; seq < 200 && event == null; seq++) {
                source.send(MediaFormat.pcm(16000), new byte[640], seq);
                event = ws.notifications.poll(20, TimeUnit.MILLISECONDS);
            }
            assertNotNull(event, "an onEvent arrived");
            assertEquals("2.0", event.get("jsonrpc").asText());
            assertEquals("onEvent", event.get("method").asText());
            assertFalse(event.has("id"), "a notification");
            JsonNode value = event.get("params").get("value");
            assertEquals(meter, value.get("object").asText());
            assertEquals("MediaFlowInStateChanged", value.get("type").asText());
            JsonNode data = value.get("data");
            assertEquals(meter, data.get("source").asText());
            assertTrue(data.get("tags").isArray());
            assertTrue(data.get("timestamp").isTextual() && data.get("timestampMillis").isTextual());
            assertEquals("MediaFlowInStateChanged", data.get("type").asText());
            assertEquals("FLOWING", data.get("state").asText());
            assertEquals("AUDIO", data.get("mediaType").asText());
            assertEquals("default", data.get("padName").asText());
            JsonNode stopped = ws.notifications.poll(5, TimeUnit.SECONDS);
            assertNotNull(stopped, "the flow timed out without packets");
            assertEquals("NOT_FLOWING", stopped.get("params").get("value").get("data").get("state").asText(),
                    "the next notification is the flow stopping: the FLOWING one was sent once, not per subscription");
            assertNull(ws.notifications.poll(300, TimeUnit.MILLISECONDS), "and it too was sent once");

            ws.value("unsubscribe", "{\"object\":\"" + meter + "\",\"subscription\":\"" + first + "\"}");
            ws.value("unsubscribe", "{\"object\":\"" + meter + "\",\"subscription\":\"" + second + "\"}");
            JsonNode again = ws.call("unsubscribe", "{\"object\":\"" + meter + "\",\"subscription\":\"" + second + "\"}");
            assertEquals(40107, again.get("error").get("code").asInt());
            for (int seq = 0; seq < 50; seq++) {
                source.send(MediaFormat.pcm(16000), new byte[640], 1000 + seq);
                assertNull(ws.notifications.poll(20, TimeUnit.MILLISECONDS), "no events after unsubscribing");
            }
            assertTrue(pipeline.element(meter).isMediaFlowingIn(MediaType.AUDIO), "the flow did restart");
        }
    }

    @Test
    void createsAndConnectsATypeRegisteredFromOutside() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0));
        server.types().register(new PacketSourceType());
        try (RawWebSocket ws = RawWebSocket.open(server.uri())) {
            String pipelineId = ws.value("create", "{\"type\":\"MediaPipeline\"}").asText();
            String source = ws.value("create", "{\"type\":\"PacketSource\",\"constructorParams\":{\"mediaPipeline\":\""
                    + pipelineId + "\"}}").asText();
            String sink = ws.value("create", "{\"type\":\"PassThrough\",\"constructorParams\":{\"mediaPipeline\":\""
                    + pipelineId + "\"}}").asText();
            ws.value("invoke", "{\"object\":\"" + source + "\",\"operation\":\"connect\",\"operationParams\":{\"sink\":\""
                    + sink + "\",\"mediaType\":\"VIDEO\"}}");
            assertEquals(source, engine.pipeline(pipelineId).element(sink).sourceConnection(MediaType.VIDEO).id());
            JsonNode described = ws.call("describe", "{\"object\":\"" + source + "\"}").get("result");
            assertEquals("[\"kurento.Endpoint\",\"kurento.MediaElement\",\"kurento.MediaObject\"]",
                    described.get("hierarchy").toString());
            JsonNode backwards = ws.call("invoke", "{\"object\":\"" + sink + "\",\"operation\":\"connect\","
                    + "\"operationParams\":{\"sink\":\"" + source + "\"}}");
            assertEquals(40107, backwards.get("error").get("code").asInt(), "a source-only element has no sink pads");
        }
    }

    @Test
    void closesAConnectionThatStaysSilentPastTheIdleTimeout() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)));
        try (RawWebSocket ws = RawWebSocket.open(server.uri())) {
            assertEquals(1001, ws.awaitClose(), "RFC 6455 §7.4.1: going away");
        }
    }

    @Test
    void refusesConnectionsBeyondTheLimitWith503() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0).withLimits(1 << 20, 1, 10));
        try (RawWebSocket first = RawWebSocket.open(server.uri())) {
            assertEquals("pong", first.value("ping", "{}").asText());
            assertEquals(503, KurentoServerAccessTest.refusedStatus(HttpClient.newHttpClient(), server.uri(), null));
            assertEquals("pong", first.value("ping", "{}").asText(), "the first connection is unaffected");
        }
    }
}
