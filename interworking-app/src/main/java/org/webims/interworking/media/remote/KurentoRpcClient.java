package org.webims.interworking.media.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.kurento.rpc.Json;

/**
 * A Kurento-protocol client for one media node: JSON-RPC 2.0 requests over the JDK's WebSocket,
 * one at a time per caller, answered by id. The node's sessionId is kept from the first answer and
 * sent with every later request. When the socket closes without our asking, the client tries once
 * to take its session back ({@code connect} with the sessionId, as kurento-client does); if that
 * fails the node is lost: pending requests fail and {@code onLost} runs, once. A {@code ping}
 * every keep-alive period finds a node that stopped answering without closing the connection.
 * Events of subscribed objects ({@code onEvent}) go to the listener set for the object.
 */
final class KurentoRpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KurentoRpcClient.class);

    private final URI uri;
    private final String token;
    private final HttpClient http;
    private final Executor executor;
    private final Duration timeout;
    private final Runnable onLost;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Who hears the events of an object this client subscribed to, by object id. */
    private final Map<String, Consumer<JsonNode>> eventListeners = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean resuming = new AtomicBoolean();
    private final AtomicInteger resumptions = new AtomicInteger();
    private volatile ScheduledFuture<?> pings;
    private volatile long pingMillis;
    private volatile WebSocket socket;
    private volatile String sessionId;

    private KurentoRpcClient(URI uri, String token, HttpClient http, Executor executor, Duration timeout,
                             Runnable onLost) {
        this.uri = uri;
        this.token = token;
        this.http = http;
        this.executor = executor;
        this.timeout = timeout;
        this.onLost = onLost;
    }

    /**
     * Connects to the node at {@code uri}.
     *
     * @param token    presented as {@code Authorization: Bearer} (RFC 6750 §2.1); null or empty: none
     * @param executor runs the resume attempt and {@code onLost}
     * @throws IOException if the node cannot be reached or refuses the upgrade
     */
    static KurentoRpcClient connect(URI uri, String token, HttpClient http, Executor executor, Duration timeout,
                                    Runnable onLost) throws IOException {
        KurentoRpcClient client = new KurentoRpcClient(uri, token, http, executor, timeout, onLost);
        client.socket = client.open();
        return client;
    }

    URI uri() {
        return uri;
    }

    /** Pings the node every {@code period} (zero: never), the ping itself run on the executor. */
    void keepAlive(ScheduledExecutorService scheduler, Duration period) {
        if (!period.isZero()) {
            pingMillis = period.toMillis();
            pings = scheduler.scheduleWithFixedDelay(() -> executor.execute(this::ping), period.toMillis(),
                    period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Hands the {@code onEvent} values of {@code objectId} (after a {@code subscribe} on it) to
     * {@code listener}, on the socket's thread: it returns at once.
     */
    void onEvents(String objectId, Consumer<JsonNode> listener) {
        eventListeners.put(objectId, listener);
    }

    void forgetEvents(String objectId) {
        eventListeners.remove(objectId);
    }

    private void ping() {
        WebSocket ws = socket;
        if (closed.get() || lost.get() || resuming.get()) {
            return;
        }
        try {
            // Kurento's ping tells the server how often to expect the next one
            call(ws, "ping", Json.MAPPER.createObjectNode().put("interval", pingMillis));
        } catch (KurentoRpcException e) {
            // an error answer is an answer: the node is alive
        } catch (IOException e) {
            ws.abort();
            socketGone(ws, "no answer to ping: " + e.getMessage());
        }
    }

    /** How often the session was taken back over a new connection. */
    int resumptions() {
        return resumptions.get();
    }

    boolean isLost() {
        return lost.get();
    }

    private WebSocket open() throws IOException {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<WebSocket> opening = builder.buildAsync(uri, new SocketListener());
        try {
            return opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof WebSocketHandshakeException refused
                    ? "upgrade refused with HTTP " + refused.getResponse().statusCode()
                    : String.valueOf(cause);
            throw new IOException("media node " + uri + " cannot be reached: " + why, cause);
        } catch (TimeoutException e) {
            opening.thenAccept(WebSocket::abort); // should it open after all, nobody uses it
            throw new IOException("media node " + uri + " did not accept the connection within " + timeout, e);
        } catch (InterruptedException e) {
            opening.thenAccept(WebSocket::abort);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        }
    }

    /**
     * Sends {@code method} with {@code params} (the sessionId added) and waits for its result.
     *
     * @throws KurentoRpcException the node's error answer
     * @throws IOException         the node is lost, or did not answer in time
     */
    JsonNode call(String method, ObjectNode params) throws KurentoRpcException, IOException {
        return call(socket, method, params);
    }

    private JsonNode call(WebSocket ws, String method, ObjectNode params) throws KurentoRpcException, IOException {
        if (lost.get() || closed.get()) {
            throw new IOException("media node " + uri + " is " + (closed.get() ? "closed" : "lost"));
        }
        long id = ids.incrementAndGet();
        String session = sessionId;
        if (session != null && !params.has("sessionId")) {
            params.put("sessionId", session);
        }
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            send(ws, request.toString());
            JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode error = answer.get("error");
            if (error != null && !error.isNull()) {
                throw new KurentoRpcException(error.path("code").asInt(), error.path("message").asText(""));
            }
            JsonNode result = answer.path("result");
            if (result.hasNonNull("sessionId")) {
                sessionId = result.get("sessionId").asText();
            }
            return result;
        } catch (ExecutionException e) {
            throw new IOException(method + " on " + uri + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(method + " on " + uri + ": no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " on " + uri + " interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    /** The JDK WebSocket refuses a send while another is outstanding: one at a time. */
    private void send(WebSocket ws, String text) throws IOException {
        synchronized (ws) {
            try {
                ws.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("sending to " + uri + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending to " + uri, e);
            }
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("node", uri).log("unparsable message from the media node ignored");
            return;
        }
        if ("onEvent".equals(message.path("method").asText())) {
            JsonNode value = message.path("params").path("value");
            Consumer<JsonNode> listener = eventListeners.get(value.path("object").asText());
            if (listener != null) {
                listener.accept(value);
            }
            return;
        }
        JsonNode id = message.get("id");
        if (id == null || !id.canConvertToLong() || message.has("method")) {
            return;
        }
        CompletableFuture<JsonNode> reply = pending.get(id.asLong());
        if (reply != null) {
            reply.complete(message);
        }
    }

    /** The socket closed or failed: pending requests fail; unless we closed it, resume or declare the node lost. */
    private void socketGone(WebSocket ws, String why) {
        if (ws != socket) {
            return; // a socket we already replaced
        }
        IOException gone = new IOException("connection to media node " + uri + " closed: " + why);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        if (closed.get() || lost.get() || !resuming.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> resumeOrLose(why));
    }

    private void resumeOrLose(String why) {
        String session = sessionId;
        if (session != null && !closed.get()) {
            try {
                WebSocket fresh = open();
                ObjectNode params = Json.MAPPER.createObjectNode().put("sessionId", session);
                call(fresh, "connect", params);
                socket = fresh;
                resumptions.incrementAndGet();
                resuming.set(false);
                LOG.atInfo().addKeyValue("node", uri).log("media node session resumed");
                return;
            } catch (IOException | KurentoRpcException e) {
                LOG.atDebug().addKeyValue("node", uri).addKeyValue("error", e.getMessage()).log("resume failed");
            }
        }
        if (!closed.get() && lost.compareAndSet(false, true)) {
            stopPings();
            LOG.atWarn().addKeyValue("node", uri).addKeyValue("cause", why).log("media node lost");
            onLost.run();
        }
    }

    /** Closes the connection; the node releases the session's objects after its timeout (release them first). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopPings();
            WebSocket ws = socket;
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            ws.abort();
            IOException gone = new IOException("client for " + uri + " closed");
            pending.values().forEach(f -> f.completeExceptionally(gone));
        }
    }

    private void stopPings() {
        ScheduledFuture<?> p = pings;
        if (p != null) {
            p.cancel(false);
        }
    }

    private final class SocketListener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                received(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            socketGone(ws, "closed " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            socketGone(ws, String.valueOf(error));
        }
    }
}
