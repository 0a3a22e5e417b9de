package org.webims.testims.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Message;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.gateway.Gateway;
import org.webims.testims.agent.WebSocketSipClient;
import org.webims.testims.sip.Digest;

/**
 * The gateway with its embedded default configuration (only the ports moved to free ones): it
 * serves the demo page with the JsSIP bundle, starts the demo IMS network beside itself, and its
 * test users echo and announcement answer a call the demo web user places over the SIP WebSocket.
 */
class GatewayDemoTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DOMAIN = DefaultConfigGateway.DOMAIN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DefaultConfigGateway gateway;
    private static int httpPort;
    private static int wsPort;

    @BeforeAll
    static void start() throws Exception {
        gateway = new DefaultConfigGateway();
        httpPort = gateway.httpPort();
        wsPort = gateway.wsPort();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheDemoPageAndTheJsSipBundleItLoads() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<script src=\"/jssip.js\"></script>") && page.body().contains("/phone.js"),
                page.body());

        String version;
        try (InputStream in = Gateway.class.getClassLoader().getResourceAsStream("web/jssip-version.txt")) {
            assertNotNull(in, "the build put the JsSIP version beside the bundle");
            version = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        HttpResponse<String> script = get("/jssip.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().startsWith("/*! JsSIP " + version + " (npm)") && script.body().contains("var JsSIP=")
                && script.body().contains("version:\"" + version + "\""), "the esbuild bundle of npm's jssip " + version);
        assertTrue(get("/jssip-LICENSE.md").body().contains("Permission is hereby granted"), "JsSIP's MIT licence is served");
        assertTrue(get("/phone.js").body().contains("new JsSIP.UA("));

        JsonNode config = JSON.readTree(get("/config.json").body());
        assertEquals("ws://127.0.0.1:" + wsPort, config.path("ws").asText());
        assertEquals(DOMAIN, config.path("domain").asText());
        assertEquals("demo", config.path("demoUser").asText(), config.toString());
        List<String> targets = new ArrayList<>();
        config.path("targets").forEach(t -> targets.add(t.path("uri").asText()));
        assertEquals(List.of("sip:echo@" + DOMAIN, "sip:announcement@" + DOMAIN), targets);

        assertEquals(404, get("/nothing-here").statusCode());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo", "announcement"})
    void demoTestUserAnswersTheDemoWebUsersCall(String user) throws Exception {
        try (WebSocketSipClient ws = new WebSocketSipClient("127.0.0.1", wsPort, WAIT)) {
            WebSocketDialog web = new WebSocketDialog(ws);
            Response registered = web.withDigest("REGISTER", "sip:" + DOMAIN, "sip:demo@" + DOMAIN, null);
            assertEquals(200, registered.getStatusCode(), registered.toString());

            String target = "sip:" + user + "@" + DOMAIN;
            String offer = new String(GatewayDemoTest.class.getResourceAsStream("/sdp/jssip-offer.sdp").readAllBytes(),
                    StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
            Response ok = web.withDigest("INVITE", target, target, offer);
            assertEquals(200, ok.getStatusCode(), ok.toString());
            String answer = new String(ok.getRawContent(), StandardCharsets.UTF_8);
            assertTrue(answer.contains("a=ice-lite") && answer.contains("a=fingerprint:sha-256"), answer);
            web.ack(ok);
            Response bye = web.bye(ok);
            assertEquals(200, bye.getStatusCode(), bye.toString());
        }
    }

    /** A web user's requests over the SIP WebSocket as JsSIP sends them, answered a digest challenge once. */
    private static final class WebSocketDialog {
        private final WebSocketSipClient ws;
        private final String callId = UUID.randomUUID().toString();
        private final String fromTag = "web" + SEQ.incrementAndGet();
        private int cseq;

        WebSocketDialog(WebSocketSipClient ws) {
            this.ws = ws;
        }

        Response withDigest(String method, String requestUri, String to, String sdp) throws Exception {
            Response first = send(request(method, requestUri, to, null, null, sdp));
            if (first.getStatusCode() != 401) {
                return first;
            }
            WWWAuthenticateHeader challenge = (WWWAuthenticateHeader) first.getHeader(WWWAuthenticateHeader.NAME);
            String response = Digest.response("demo", challenge.getRealm(), "demo-secret", method, requestUri,
                    challenge.getNonce(), "00000001", "c1", "auth");
            String auth = "Digest username=\"demo\", realm=\"" + challenge.getRealm() + "\", nonce=\""
                    + challenge.getNonce() + "\", uri=\"" + requestUri + "\", response=\"" + response
                    + "\", algorithm=MD5, cnonce=\"c1\", qop=auth, nc=00000001";
            return send(request(method, requestUri, to, null, auth, sdp));
        }

        void ack(Response ok) throws Exception {
            ws.sendRaw(request("ACK", contact(ok), null, ok, null, null).getBytes(StandardCharsets.UTF_8), WAIT);
        }

        Response bye(Response ok) throws Exception {
            return send(request("BYE", contact(ok), null, ok, null, null));
        }

        private static String contact(Response ok) {
            Matcher m = Pattern.compile("<([^>]+)>").matcher(ok.getHeader("Contact").toString());
            assertTrue(m.find(), ok.toString());
            return m.group(1);
        }

        private String request(String method, String requestUri, String to, Response dialog, String auth, String sdp) {
            boolean ack = method.equals("ACK");
            int number = ack ? cseq : ++cseq;
            String toHeader = dialog != null ? dialog.getHeader("To").toString().substring(4).strip() : "<" + to + ">";
            String body = sdp == null ? "" : sdp;
            return method + " " + requestUri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/WSS " + WebSocketSipClient.INVALID_HOST + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                    + "Max-Forwards: 69\r\n"
                    + "To: " + toHeader + "\r\n"
                    + "From: <sip:demo@" + DOMAIN + ">;tag=" + fromTag + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + number + " " + method + "\r\n"
                    + "Contact: <sip:demo1@" + WebSocketSipClient.INVALID_HOST + ";transport=ws;ob>"
                    + (method.equals("REGISTER") ? ";+sip.instance=\"<urn:uuid:" + UUID.nameUUIDFromBytes(callId.getBytes()) + ">\";expires=600" : "")
                    + "\r\n"
                    + (auth == null ? "" : "Authorization: " + auth + "\r\n")
                    + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        }

        /** Sends and returns the first final response (provisional ones skipped). */
        private Response send(String request) throws Exception {
            ws.sendRaw(request.getBytes(StandardCharsets.UTF_8), WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                byte[] raw = ws.receiveRaw(Duration.ofMillis(200));
                if (raw == null) {
                    continue;
                }
                Message m = new StringMsgParser().parseSIPMessage(raw, true, false, null);
                if (m instanceof Response r && r.getStatusCode() >= 200) {
                    return r;
                }
            }
            throw new AssertionError("no final response to " + request.lines().findFirst().orElse(""));
        }
    }
}
