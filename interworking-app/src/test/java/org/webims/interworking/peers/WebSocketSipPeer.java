package org.webims.interworking.peers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A web user's SIP-over-WebSocket connection as JsSIP opens one (RFC 7118): subprotocol sip, a
 * page Origin, one SIP message a text frame, written as text so the test controls every header.
 * test-ims has a client like it, but test-ims depends on the gateway, which depends on this module.
 */
public final class WebSocketSipPeer implements AutoCloseable {
    public static final String INVALID_HOST = "df7jal23ls0d.invalid";

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    /** Responses already handed out, by Call-ID, CSeq and status: their retransmissions are absorbed. */
    private final Set<String> delivered = new HashSet<>();

    public WebSocketSipPeer(int port, String origin) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
                .connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            b.header("Origin", origin);
        }
        socket = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new Collector()).get(10, TimeUnit.SECONDS);
    }

    public void send(String message) throws Exception {
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    /** How many messages arrived and were not yet taken by {@link #next}. */
    public int waiting() {
        return received.size();
    }

    /** The next message of {@code method} (a request, or a response to it) with a status at least {@code minStatus}. */
    public SipText next(String method, int minStatus, Duration timeout) throws InterruptedException {
        return next(null, method, minStatus, timeout);
    }

    /**
     * As {@link #next(String, int, Duration)}, but only on dialog {@code callId} (any when null). A
     * response already returned once, such as a 2xx retransmitted until its ACK lands (RFC 3261
     * §13.3.1.4), is skipped as a client transaction would absorb it.
     */
    public SipText next(String callId, String method, int minStatus, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String text = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (text == null) {
                throw new AssertionError("no " + method + " (status >= " + minStatus + ") within " + timeout);
            }
            SipText m = SipText.parse(text);
            boolean wanted = (callId == null || callId.equals(m.header("Call-ID"))) && m.method().equals(method)
                    && (m.isResponse() ? m.status() >= minStatus : minStatus == 0);
            if (wanted && (!m.isResponse() || delivered.add(m.header("Call-ID") + "|" + m.header("CSeq") + "|" + m.status()))) {
                return m;
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
