package org.webims.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.iceservers.CoturnProcess;
import org.webims.webrtc.iceservers.IceServers;
import org.webims.webrtc.iceservers.TestCertificateAuthority;

/**
 * {@code GET /webrtc/ice-servers} of the gateway's HTTP listener, configured by the webrtc.* keys:
 * read over HTTP, and by headless Chromium on the demo page (its phone.js fetches it) gathering
 * relayed candidates through a real coturn with the ephemeral credentials it was handed.
 */
class IceServersEndpointTest {

    static final String SECRET = "gateway-and-coturn-share-this";
    static final ObjectMapper JSON = new ObjectMapper();

    HttpFrontend http;
    int port;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    void start(String... keys) throws Exception {
        GatewaySettings settings = GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(keys)));
        IceServers servers = settings.iceServers();
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = probe.getLocalPort();
        }
        http = HttpFrontend.start("127.0.0.1", port, () -> "{}", DemoPage.fromClassPath(), () -> "{}", servers,
                IceServersAccess.of(settings.interworking().settings()));
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, null);
    }

    HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whereWebUsersHoldBearerTokensOnlyAValidTokensUserGetsCredentials(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("idp.key"), new String(BEARER_KEY, StandardCharsets.UTF_8));
        Path profile = dir.resolve("bearer.xml");
        Files.writeString(profile, Files.readString(Path.of("../conf/profiles/volte-plain.xml")).replaceFirst(
                "<digest [^>]*/>", "<bearer issuer=\"" + ISSUER + "\" key-file=\"idp.key\" audience=\"webims\"/>"));
        Path users = dir.resolve("users");
        Files.writeString(users, "alice unused sip:+15550101@web.example.com\n");
        start("--interworking.carrier-profile=" + profile, "--interworking.users=" + users, "--demo.ims=off",
                "--webrtc.turn-urls=turn:127.0.0.1:3478", "--webrtc.turn-secret=" + SECRET);
        HttpResponse<String> none = get(HttpFrontend.ICE_SERVERS_PATH);
        assertEquals(401, none.statusCode());
        String challenge = none.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer realm=\"") && !challenge.contains("error="), challenge);
        HttpResponse<String> forged = get(HttpFrontend.ICE_SERVERS_PATH, "Bearer " + hs256(claims("alice"), "another-key-of-32-bytes-or-more!!!".getBytes()));
        assertEquals(401, forged.statusCode());
        assertTrue(forged.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertEquals(401, get(HttpFrontend.ICE_SERVERS_PATH, "Bearer " + hs256(claims("mallory"), BEARER_KEY)).statusCode(),
                "a valid token of no web user of ours");
        HttpResponse<String> alice = get(HttpFrontend.ICE_SERVERS_PATH + "?username=mallory",
                "Bearer " + hs256(claims("alice"), BEARER_KEY));
        assertEquals(200, alice.statusCode(), alice.body());
        assertTrue(JSON.readTree(alice.body()).get(0).get("username").asText().endsWith(":alice"),
                "the token's user, not the one the query names: " + alice.body());
    }

    static final String ISSUER = "https://auth.web.example.com";
    static final byte[] BEARER_KEY = "a-shared-secret-of-32-bytes-or-more!".getBytes(StandardCharsets.UTF_8);

    static String claims(String sub) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + sub + "\",\"aud\":\"webims\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 3600) + "}";
    }

    /** A JWS compact HS256 token (RFC 7515 §7.1, RFC 7518 §3.2), as the carrier's authorization server issues them. */
    static String hs256(String claims, byte[] key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void answersUncachableJsonWithAFreshCredentialPerRequest() throws Exception {
        start("--webrtc.stun-urls=stun:127.0.0.1:3478", "--webrtc.turn-urls=turn:127.0.0.1:3478?transport=udp",
                "--webrtc.turn-secret=" + SECRET, "--webrtc.turn-credential-lifetime-seconds=60");
        HttpResponse<String> first = get(HttpFrontend.ICE_SERVERS_PATH + "?username=alice");
        assertEquals(200, first.statusCode());
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode servers = JSON.readTree(first.body());
        assertEquals("stun:127.0.0.1:3478", servers.get(0).get("urls").get(0).asText());
        assertTrue(servers.get(1).get("username").asText().endsWith(":alice"), first.body());
        Thread.sleep(1100); // the expiry is in whole seconds: a later request's credential differs
        assertNotEquals(first.body(), get(HttpFrontend.ICE_SERVERS_PATH + "?username=alice").body());
    }

    @Test
    void aBadUsernameIsA400AndOtherMethodsA405() throws Exception {
        start();
        assertEquals("[]", get(HttpFrontend.ICE_SERVERS_PATH).body());
        HttpResponse<String> bad = get(HttpFrontend.ICE_SERVERS_PATH + "?username=a%3Ab");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().startsWith("username must be"), bad.body());
        assertEquals(404, get(HttpFrontend.ICE_SERVERS_PATH + "/more").statusCode());
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + HttpFrontend.ICE_SERVERS_PATH))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void theDemoPageGathersARelayCandidateThroughCoturnWithTheCredentialsHandedOut() throws Exception {
        assumeTrue(HeadlessChromium.installed() && CoturnProcess.installed(), "bin/setup installs chromium and coturn");
        try (CoturnProcess coturn = new CoturnProcess(SECRET)) {
            start("--webrtc.turn-urls=" + coturn.turnUrl(), "--webrtc.turn-secret=" + SECRET);
            List<String> relay = relayCandidates();
            // one allocation per network Chromium gathers on, each a coturn relay port on 127.0.0.1
            assertTrue(!relay.isEmpty(), "a relayed candidate: " + coturn.log());
            for (String candidate : relay) {
                String[] fields = candidate.split(" ");
                assertEquals("127.0.0.1", fields[4], candidate);
                assertTrue(coturn.isRelayPort(Integer.parseInt(fields[5])), candidate);
            }
            assertTrue(!coturn.log().contains("check_stun_auth"), "coturn took the credential: " + coturn.log());
        }
    }

    /**
     * webrtc.turn-urls with a {@code turns:} URL (RFC 7065): Chromium reaches coturn's TLS listener, whose
     * certificate it verifies, so a CA of the test's is trusted in this browser's own NSS database only.
     */
    @Test
    void theDemoPageGathersARelayCandidateOverTurnsFromAServerItsCaVouchesFor(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.installed() && CoturnProcess.installed(), "bin/setup installs chromium and coturn");
        assumeTrue(TestCertificateAuthority.installed(), "bin/setup installs openssl and libnss3-tools");
        TestCertificateAuthority ca = new TestCertificateAuthority(dir);
        Path home = dir.resolve("home");
        ca.trustIn(home);
        try (CoturnProcess coturn = CoturnProcess.withTls(SECRET, ca.certificate(), ca.key())) {
            start("--webrtc.turn-urls=" + coturn.turnsUrl(), "--webrtc.turn-secret=" + SECRET);
            assertTrue(get(HttpFrontend.ICE_SERVERS_PATH + "?username=alice").body().contains(coturn.turnsUrl()));
            List<String> relay = relayCandidates(new HeadlessChromium.Launch(List.of(), home));
            assertTrue(!relay.isEmpty(), "a relayed candidate over TLS: " + coturn.log());
            for (String candidate : relay) {
                String[] fields = candidate.split(" ");
                assertEquals("127.0.0.1", fields[4], candidate);
                assertTrue(coturn.isRelayPort(Integer.parseInt(fields[5])), candidate);
            }
        }
    }

    @Test
    void withAnotherSecretThanCoturnsTheDemoPageGathersNoRelayCandidate() throws Exception {
        assumeTrue(HeadlessChromium.installed() && CoturnProcess.installed(), "bin/setup installs chromium and coturn");
        try (CoturnProcess coturn = new CoturnProcess(SECRET)) {
            start("--webrtc.turn-urls=" + coturn.turnUrl(), "--webrtc.turn-secret=not-" + SECRET);
            assertEquals(List.of(), relayCandidates());
            assertTrue(coturn.log().contains("check_stun_auth") && coturn.log().contains(":alice>"),
                    "coturn refused the credential: " + coturn.log());
        }
    }

    /**
     * Opens the demo page, lets its phone.js fetch the ICE servers, and gathers with them under
     * iceTransportPolicy 'relay' (a data channel is enough to gather): the candidates found.
     */
    private List<String> relayCandidates() throws Exception {
        return relayCandidates(HeadlessChromium.Launch.DEFAULT);
    }

    private List<String> relayCandidates(HeadlessChromium.Launch launch) throws Exception {
        try (HeadlessChromium chrome = new HeadlessChromium("http://127.0.0.1:" + port + "/",
                "window.webims && window.webims.ready", launch)) {
            String found = chrome.evaluateString("""
                    (async () => {
                      const servers = await window.webims.loadIceServers('alice');
                      const pc = new RTCPeerConnection({iceServers: servers, iceTransportPolicy: 'relay'});
                      const candidates = [];
                      const done = new Promise((resolve) => {
                        pc.onicecandidate = (e) => { if (e.candidate) candidates.push(e.candidate.candidate); else resolve(); };
                      });
                      pc.createDataChannel('gather');
                      await pc.setLocalDescription(await pc.createOffer());
                      await done;
                      pc.close();
                      return JSON.stringify(candidates);
                    })()""");
            List<String> candidates = JSON.readerForListOf(String.class).readValue(found);
            assertTrue(candidates.stream().allMatch(c -> c.contains(" typ relay")), "relay only: " + candidates);
            return candidates;
        }
    }
}
