package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.TlsClientAuth;
import org.webims.sip.stack.TlsSettings;

/**
 * SIP over TLS and secure WebSocket are screened as TCP and WS are (decision 0005): the same
 * limits, with low values here, give the same answers (513 over a limit, RFC 3261 §21.5.14; a
 * TLS stream that cannot be framed closes, a WSS connection carries on), the Origin of a WSS
 * upgrade is checked (RFC 6455 §10.2), and sound requests still get 200. Real TLS sockets against
 * the container's JAIN-SIP listeners, with a key store made by keytool.
 */
class SecureTransportScreeningTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALLOWED_ORIGIN = "https://phone.example";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    @TempDir
    static Path dir;
    private static SSLContext client;
    private static SipContainer container;
    private static int tlsPort;
    private static int wssPort;

    @BeforeAll
    static void startContainer() throws Exception {
        TestKeyStore keyStore = TestKeyStore.create(dir);
        client = keyStore.trustingContext();
        tlsPort = Sipp.freePort();
        wssPort = Sipp.freePort();
        TlsSettings tls = new TlsSettings(keyStore.file(), TestKeyStore.PASSWORD, null, null, TlsClientAuth.NONE,
                TestKeyStore.protocols());
        container = new SipContainer(new SipStackSettings("secure-screening-test", List.of(
                new ListenAddress(SipTransport.TLS, "127.0.0.1", tlsPort),
                new ListenAddress(SipTransport.WSS, "127.0.0.1", wssPort)),
                new InboundLimits(4096, 32, 512, 1000), tls, new WebSocketOrigins(List.of(ALLOWED_ORIGIN))));
        container.start();
    }

    @AfterAll
    static void stopContainer() {
        if (container != null) {
            container.close();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"TLS", "WSS"})
    void optionsGets200(String transport) throws Exception {
        assertProbeGets200(transport);
    }

    @Test
    void wssUpgradeFromAForeignOriginGets403AndTheListenerCarriesOn() throws Exception {
        try (SecureSipPeer peer = SecureSipPeer.wss(client, wssPort, "https://evil.example", WAIT)) {
            String answer = peer.handshakeAnswer();
            assertTrue(answer.startsWith("HTTP/1.1 403"), "RFC 6455 §4.2.2, §10.2: " + answer);
            assertTrue(peer.closedByServer(), "the refused connection closes");
        }
        assertProbeGets200("WSS");
    }

    @Test
    void wssUpgradeWithoutOriginIsNotFromAPageAndOpens() throws Exception {
        try (SecureSipPeer peer = SecureSipPeer.wss(client, wssPort, null, WAIT)) {
            assertTrue(peer.handshakeAnswer().startsWith("HTTP/1.1 101"));
            peer.send(options(peer, "", ""));
            assertEquals("SIP/2.0 200 OK", peer.receiveFinalStartLine());
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"TLS", "WSS"})
    void moreHeaderFieldsThanTheLimitGet513(String transport) throws Exception {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            extra.append("X-Filler-").append(i).append(": ").append(i).append("\r\n");
        }
        String answer = refused(transport, extra.toString(), "");
        assertTrue(answer.startsWith("SIP/2.0 513 "), answer);
        assertTrue(answer.contains("more than 32 header fields"), answer);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"TLS", "WSS"})
    void aLineLongerThanTheLimitGets513(String transport) throws Exception {
        String answer = refused(transport, "X-Long: " + "a".repeat(600) + "\r\n", "");
        assertTrue(answer.startsWith("SIP/2.0 513 "), answer);
        assertTrue(answer.contains("longer than 512 bytes"), answer);
    }

    /** As over TCP, the body is never sent: the Content-Length alone is enough to refuse it. */
    @Test
    void aTlsMessageLargerThanTheLimitGets513() throws Exception {
        String answer = refused("TLS", "Content-Type: text/plain\r\nContent-Length: 5000\r\n", null);
        assertTrue(answer.startsWith("SIP/2.0 513 "), answer);
    }

    /** As over WS: RFC 6455 §7.4.1 1009, the message is too big to process. */
    @Test
    void aWssMessageLargerThanTheLimitClosesTheConnectionWith1009() throws Exception {
        try (SecureSipPeer peer = open("WSS")) {
            peer.send(options(peer, "Content-Type: text/plain\r\n", "a".repeat(5000)));
            assertEquals(1009, peer.awaitCloseCode());
        }
        assertProbeGets200("WSS");
    }

    @Test
    void aTlsPeerThatStopsHalfWayIsDisconnected() throws Exception {
        try (SecureSipPeer peer = open("TLS")) {
            byte[] whole = options(peer, "", "");
            peer.sendRaw(Arrays.copyOf(whole, whole.length / 2));
            assertTrue(peer.closedByServer(), "closed after the incomplete-message limit");
        }
        assertProbeGets200("TLS");
    }

    /**
     * Sends an OPTIONS with {@code extraHeaders} (and {@code body}; null: none, the headers give
     * the Content-Length) and returns the answer's start line; a TLS stream must then close, a
     * WSS connection carries on, and a sound OPTIONS still gets 200.
     */
    private static String refused(String transport, String extraHeaders, String body) throws Exception {
        String answer;
        try (SecureSipPeer peer = open(transport)) {
            peer.send(options(peer, extraHeaders, body));
            answer = peer.receiveFinalStartLine();
            if (transport.equals("TLS")) {
                assertTrue(peer.closedByServer(), "over a limit the TLS stream closes, as TCP does");
            } else {
                peer.send(options(peer, "", ""));
                assertEquals("SIP/2.0 200 OK", peer.receiveFinalStartLine(), "the WSS connection carries on");
            }
        }
        assertProbeGets200(transport);
        return answer;
    }

    private static void assertProbeGets200(String transport) throws Exception {
        try (SecureSipPeer peer = open(transport)) {
            peer.send(options(peer, "", ""));
            assertEquals("SIP/2.0 200 OK", peer.receiveFinalStartLine(), "the server carries on over " + transport);
        }
    }

    private static SecureSipPeer open(String transport) throws Exception {
        if (transport.equals("TLS")) {
            return SecureSipPeer.tls(client, tlsPort, WAIT);
        }
        SecureSipPeer peer = SecureSipPeer.wss(client, wssPort, ALLOWED_ORIGIN, WAIT);
        String answer = peer.handshakeAnswer();
        assertTrue(answer.startsWith("HTTP/1.1 101"), answer);
        return peer;
    }

    private static byte[] options(SecureSipPeer peer, String extraHeaders, String body) {
        long n = SEQUENCE.incrementAndGet();
        String sentBy = peer.transportToken().equals("WSS") ? "client" + n + ".invalid" : "127.0.0.1:" + peer.localPort();
        String text = "OPTIONS sip:limits@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + peer.transportToken() + " " + sentBy + ";rport;branch=z9hG4bKsecure" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:tester@127.0.0.1>;tag=s" + n + "\r\n"
                + "To: <sip:limits@127.0.0.1>\r\n"
                + "Call-ID: secure-" + n + "-" + System.nanoTime() + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + extraHeaders
                + (body == null ? "\r\n" : "Content-Length: " + body.length() + "\r\n\r\n" + body);
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
