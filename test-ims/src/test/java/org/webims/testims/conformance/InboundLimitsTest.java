package org.webims.testims.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.net.FreePorts;

/**
 * The stack-level limits (sip.max-message-bytes, sip.max-headers, sip.max-line-bytes,
 * sip.incomplete-message-seconds), set low here: over a limit a request gets 513 where it can be
 * answered (RFC 3261 §21.5.14), a TCP connection is then closed, a peer that stops half-way is
 * disconnected, and the server carries on. Stopping the gateway ends every thread and port.
 */
class InboundLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static Gateway gateway;
    private static int sipPort;
    private static int wsPort;

    @BeforeAll
    static void startGateway() throws Exception {
        sipPort = FreePorts.tcpAndUdp();
        wsPort = FreePorts.tcpAndUdp();
        gateway = start(sipPort, wsPort);
    }

    private static Gateway start(int sip, int ws) throws Exception {
        return Gateway.start(GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + sip,
                "--sip.tcp.listen=127.0.0.1:" + sip,
                "--sip.ws.listen=127.0.0.1:" + ws,
                "--sip.max-message-bytes=4096",
                "--sip.max-headers=32",
                "--sip.max-line-bytes=512",
                "--sip.incomplete-message-seconds=1",
                "--http.listen=off", "--kurento.listen=off", "--demo.ims=off"))));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"UDP", "TCP", "WS"})
    void moreHeaderFieldsThanTheLimitGet513(String transport) throws Exception {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            extra.append("X-Filler-").append(i).append(": ").append(i).append("\r\n");
        }
        SIPResponse answer = refused(transport, extra.toString(), "");
        assertEquals(513, answer.getStatusCode());
        assertTrue(answer.getReasonPhrase().contains("more than 32 header fields"), answer.getReasonPhrase());
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"UDP", "TCP", "WS"})
    void aLineLongerThanTheLimitGets513(String transport) throws Exception {
        SIPResponse answer = refused(transport, "X-Long: " + "a".repeat(600) + "\r\n", "");
        assertEquals(513, answer.getStatusCode());
        assertTrue(answer.getReasonPhrase().contains("longer than 512 bytes"), answer.getReasonPhrase());
    }

    /** Over TCP the body is never sent: the Content-Length alone is enough to refuse it. */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"UDP", "TCP"})
    void aMessageLargerThanTheLimitGets513(String transport) throws Exception {
        String body = "a".repeat(5000);
        SIPResponse answer = refused(transport, "Content-Type: text/plain\r\n", transport.equals("TCP") ? null : body);
        assertEquals(513, answer.getStatusCode(), answer.getFirstLine());
    }

    @Test
    void aWebSocketMessageLargerThanTheLimitClosesTheConnection() throws Exception {
        try (RawSipPeer peer = new WsPeer(wsPort)) {
            peer.send(request(peer, "Content-Type: text/plain\r\n", "a".repeat(5000)));
            awaitClosed(peer);
            assertTrue(peer.closedByServer(), "RFC 6455 §7.4.1 1009: the message is too big to process");
        }
        assertProbeGets200("WS");
    }

    @Test
    void aTcpPeerThatStopsHalfWayIsDisconnected() throws Exception {
        String transport = "TCP";
        try (RawSipPeer peer = open(transport)) {
            byte[] whole = request(peer, "", "");
            byte[] half = new byte[whole.length / 2];
            System.arraycopy(whole, 0, half, 0, half.length);
            peer.send(half);
            awaitClosed(peer);
            assertTrue(peer.closedByServer(), "closed after sip.incomplete-message-seconds");
        }
        assertProbeGets200(transport);
    }

    /** A WebSocket frame that announces 100 bytes and brings 10 (a JDK client only sends whole frames). */
    @Test
    void aWebSocketPeerThatStopsHalfWayThroughAFrameIsDisconnected() throws Exception {
        try (Socket socket = openWebSocket()) {
            byte[] frame = new byte[2 + 4 + 10];
            frame[0] = (byte) 0x81; // FIN, text
            frame[1] = (byte) (0x80 | 100); // masked, 100 bytes announced
            socket.getOutputStream().write(frame);
            assertTrue(closesWithin(socket, WAIT), "closed after sip.incomplete-message-seconds");
        }
        assertProbeGets200("WS");
    }

    /** RFC 6455 §5.1: a client frame must be masked; the server closes the connection (1002). */
    @Test
    void anUnmaskedWebSocketFrameClosesTheConnection() throws Exception {
        try (Socket socket = openWebSocket()) {
            byte[] text = "OPTIONS".getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[2 + text.length];
            frame[0] = (byte) 0x81;
            frame[1] = (byte) text.length;
            System.arraycopy(text, 0, frame, 2, text.length);
            socket.getOutputStream().write(frame);
            assertTrue(closesWithin(socket, WAIT), "protocol error: the connection closes");
        }
        assertProbeGets200("WS");
    }

    private static Socket openWebSocket() throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), wsPort);
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout((int) WAIT.toMillis());
        StringBuilder answer = new StringBuilder();
        while (!answer.toString().endsWith("\r\n\r\n")) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new AssertionError("handshake refused: " + answer);
            }
            answer.append((char) b);
        }
        assertTrue(answer.toString().startsWith("HTTP/1.1 101"), answer.toString());
        assertTrue(answer.toString().contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "RFC 6455 §1.3 accept key");
        return socket;
    }

    /** True once the server ends the connection (a close frame may come first). */
    private static boolean closesWithin(Socket socket, Duration timeout) throws Exception {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (socket.getInputStream().read() >= 0) {
                // a close frame, then the end of the stream
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    @Test
    void stoppingTheGatewayEndsItsThreadsAndFreesItsPorts() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int sip = FreePorts.tcpAndUdp();
        int ws = FreePorts.tcpAndUdp();
        Gateway other = start(sip, ws);
        try {
            for (String transport : List.of("UDP", "TCP", "WS")) {
                try (RawSipPeer peer = open(transport, sip, ws)) {
                    peer.send(Rfc4475Corpus.bytes("ncl"));
                    peer.send(Rfc4475Corpus.bytes("clerr"));
                    peer.receive(Duration.ofMillis(500));
                }
            }
        } finally {
            other.close();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<String> left;
        do {
            Thread.sleep(100);
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .filter(name -> !name.startsWith("HttpClient-")) // the test's own WebSocket client
                    .collect(Collectors.toSet());
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(Set.of(), left, "threads the gateway started and left running");
        assertTrue(FreePorts.isFree(sip), "SIP port " + sip + " free for UDP and TCP");
        assertTrue(FreePorts.isFree(ws), "WebSocket port " + ws + " free");
    }

    /**
     * Sends an OPTIONS with {@code extraHeaders} (and {@code body}, Content-Length set; null: a
     * Content-Length of 5000 and no body) and returns the answer; a TCP connection must then
     * close, and a valid OPTIONS still gets 200.
     */
    private static SIPResponse refused(String transport, String extraHeaders, String body) throws Exception {
        SIPResponse answer;
        try (RawSipPeer peer = open(transport)) {
            byte[] message = body == null
                    ? request(peer, extraHeaders + "Content-Length: 5000\r\n", null)
                    : request(peer, extraHeaders, body);
            peer.send(message);
            answer = finalAnswer(peer);
            if (transport.equals("TCP")) {
                awaitClosed(peer);
                assertTrue(peer.closedByServer(), "over a limit the TCP connection closes");
            } else {
                assertFalse(peer.closedByServer(), transport + " carries on");
            }
        }
        assertProbeGets200(transport);
        return answer;
    }

    private static byte[] request(RawSipPeer peer, String extraHeaders, String body) {
        long n = SEQUENCE.incrementAndGet();
        String text = "OPTIONS sip:limits@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + peer.transportToken() + " " + peer.viaSentBy() + ";rport;branch=z9hG4bKlimits" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:tester@127.0.0.1>;tag=l" + n + "\r\n"
                + "To: <sip:limits@127.0.0.1>\r\n"
                + "Call-ID: limits-" + n + "-" + System.nanoTime() + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + extraHeaders
                + (body == null ? "\r\n" : "Content-Length: " + body.length() + "\r\n\r\n" + body);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static SIPResponse finalAnswer(RawSipPeer peer) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SIPMessage message = peer.receive(Duration.ofMillis(500));
            if (message instanceof SIPResponse response && response.getStatusCode() >= 200) {
                return response;
            }
        }
        throw new AssertionError("no answer within " + WAIT);
    }

    private static void awaitClosed(RawSipPeer peer) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!peer.closedByServer() && System.nanoTime() < deadline) {
            peer.receive(Duration.ofMillis(200));
        }
    }

    private static void assertProbeGets200(String transport) throws Exception {
        try (RawSipPeer peer = open(transport)) {
            peer.send(request(peer, "", ""));
            SIPResponse answer = finalAnswer(peer);
            assertNotNull(answer);
            assertEquals(200, answer.getStatusCode(), "the server carries on: " + answer.getFirstLine());
        }
    }

    private static RawSipPeer open(String transport) throws Exception {
        return open(transport, sipPort, wsPort);
    }

    private static RawSipPeer open(String transport, int sip, int ws) throws Exception {
        return switch (transport) {
            case "UDP" -> new UdpPeer(sip);
            case "TCP" -> new TcpPeer(sip);
            case "WS" -> new WsPeer(ws);
            default -> throw new IllegalArgumentException(transport);
        };
    }
}
