package org.webims.testims.agent;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP-over-WebSocket client as a browser library is one (RFC 7118): the JDK's WebSocket
 * client with subprotocol {@code sip}, messages built and parsed by JAIN-SIP, one SIP message a
 * text frame. JAIN-SIP's own WS transport only accepts connections, it does not open them.
 */
public final class WebSocketSipClient implements AutoCloseable {
    /** RFC 7118 §5: clients that cannot know their address use a random .invalid host. */
    public static final String INVALID_HOST = "df7jal23ls0d.invalid";

    private final SipMessageFactories factories = new SipMessageFactories();
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final String transport;
    private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
    private final WebSocket socket;

    /** Connects to {@code ws://host:port/}. */
    public WebSocketSipClient(String host, int port, Duration timeout) throws Exception {
        this(HttpClient.newHttpClient(), URI.create("ws://" + host + ":" + port + "/"), "WS", timeout);
    }

    /**
     * Connects to {@code wss://host:port/} (RFC 7118 §5), trusting the servers {@code tls} trusts;
     * the connection fails, as a browser's would, when the server's certificate is not trusted.
     */
    public static WebSocketSipClient secure(String host, int port, SSLContext tls, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).build();
        return new WebSocketSipClient(client, URI.create("wss://" + host + ":" + port + "/"), "WSS", timeout);
    }

    private WebSocketSipClient(HttpClient client, URI uri, String transport, Duration timeout) throws Exception {
        this.transport = transport;
        socket = client.newWebSocketBuilder()
                .subprotocols("sip")
                .connectTimeout(timeout)
                .buildAsync(uri, new Collector())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public Request newRequest(String method, String host, int port) throws Exception {
        return factories.newRequest(method, host, port, transport, INVALID_HOST, 9);
    }

    /** Sends {@code request} and waits for the first final response on this connection. */
    public Response send(Request request, Duration timeout) throws Exception {
        socket.sendText(request.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String text = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (text == null) {
                throw new IllegalStateException("no final response within " + timeout);
            }
            var message = new StringMsgParser().parseSIPMessage(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true, false, null);
            if (message instanceof Response response && response.getStatusCode() >= 200) {
                return response;
            }
        }
    }

    /**
     * Sends {@code message} byte-exact as one WebSocket message: a text frame where the bytes are
     * UTF-8 (RFC 7118 §5.3), else a binary frame.
     */
    public void sendRaw(byte[] message, Duration timeout) throws Exception {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException notUtf8) {
            socket.sendBinary(ByteBuffer.wrap(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next whole message the server sent, as UTF-8 bytes, or null if none came within {@code timeout}. */
    public byte[] receiveRaw(Duration timeout) throws InterruptedException {
        String text = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** True once the server closed the WebSocket (close frame or dropped connection). */
    public boolean closedByServer() {
        return closedByServer.isDone();
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

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedByServer.complete(-1);
        }
    }
}
