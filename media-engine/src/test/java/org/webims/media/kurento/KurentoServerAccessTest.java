package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;

/** Token checks at the upgrade, WSS with a PKCS12 key store, and a stop that frees everything. */
class KurentoServerAccessTest {

    static final String TOKEN = "s3cret-token";

    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
    KurentoServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        engine.close();
    }

    KurentoServer start(KurentoServerSettings settings) throws Exception {
        server = new KurentoServer(engine, settings);
        server.start();
        return server;
    }

    static int refusedStatus(HttpClient client, URI uri, String bearer) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.newWebSocketBuilder()
                .header("Authorization", bearer == null ? "None" : "Bearer " + bearer)
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void refusesUpgradeWithoutOrWithAWrongTokenWith401() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0).withToken(TOKEN));
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(401, refusedStatus(http, server.uri(), null));
        assertEquals(401, refusedStatus(http, server.uri(), "guess"));
        assertEquals(401, refusedStatus(http, URI.create(server.uri() + "?token=guess"), null));
        assertEquals(0, server.sessionCount());
        assertTrue(engine.pipelines().isEmpty());
    }

    @Test
    void acceptsTheTokenInTheQueryOrAsBearer() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0).withToken(TOKEN));
        try (RawWebSocket byQuery = RawWebSocket.open(URI.create(server.uri() + "?token=" + TOKEN))) {
            byQuery.value("create", "{\"type\":\"MediaPipeline\"}");
        }
        try (RawWebSocket byHeader = RawWebSocket.open(HttpClient.newHttpClient(), server.uri(), TOKEN)) {
            assertEquals("pong", byHeader.value("ping", "{}").asText());
        }
        assertEquals(1, engine.pipelines().size());
    }

    @Test
    void answersAnotherPathWith404() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0));
        URI other = URI.create(server.uri().toString().replace("/kurento", "/other"));
        assertEquals(404, refusedStatus(HttpClient.newHttpClient(), other, null));
    }

    @Test
    void servesWssWithAPkcs12KeyStore(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        String password = "changeit";
        keyStore(store, password);
        start(KurentoServerSettings.defaults().withPort(0).withTls(store, password));
        assertEquals("wss", server.uri().getScheme());
        try (RawWebSocket wss = RawWebSocket.open(trusting(store, password), server.uri(), null)) {
            assertEquals("pong", wss.value("ping", "{}").asText());
            wss.value("create", "{\"type\":\"MediaPipeline\"}");
        }
        assertEquals(1, engine.pipelines().size());
    }

    /** An existing Kurento application only changes its URL: wss, and the token in the query. */
    @Test
    void stockKurentoClientGetsAPipelineOverWssWithTheTokenInItsUrl(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        keyStore(store, "changeit");
        start(KurentoServerSettings.defaults().withPort(0).withTls(store, "changeit").withToken(TOKEN));
        KurentoClient client = KurentoClient.create(server.uri() + "?token=" + TOKEN);
        try {
            MediaPipeline pipeline = client.createMediaPipeline();
            assertEquals(1, engine.pipelines().size());
            assertEquals(pipeline.getId(), engine.pipelines().iterator().next().id());
            pipeline.release();
            assertTrue(engine.pipelines().isEmpty());
        } finally {
            client.destroy();
        }
        assertEquals(401, refusedStatus(trusting(store, "changeit"), server.uri(), null), "no token, no pipeline");
    }

    private static void keyStore(Path store, String password) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-keypass", password, "-alias", "kurento", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
    }

    /** A client that trusts exactly the server's self-signed certificate. */
    static HttpClient trusting(Path store, String password) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            server.load(in, password.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.getCertificate("kurento"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void stopClosesConnectionsReleasesObjectsAndFreesThePort() throws Exception {
        start(KurentoServerSettings.defaults().withPort(0));
        int port = server.address().getPort();
        RawWebSocket ws = RawWebSocket.open(server.uri());
        String pipeline = ws.value("create", "{\"type\":\"MediaPipeline\"}").asText();
        ws.value("create", "{\"type\":\"PassThrough\",\"constructorParams\":{\"mediaPipeline\":\"" + pipeline + "\"}}");
        server.stop();
        ws.awaitClose();
        assertTrue(ws.closed.isDone(), "the client saw its connection close");
        assertTrue(engine.pipelines().isEmpty(), "the session's objects were released");
        assertEquals(0, server.sessionCount());
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
        server = null;
    }
}
