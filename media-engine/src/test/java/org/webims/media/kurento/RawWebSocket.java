package org.webims.media.kurento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC peer on the JDK's WebSocket client, for sending exactly the bytes a test wants.
 * Replies and notifications are kept apart; the close code the server sent is recorded. Public for
 * the tests of other modules' Kurento types (their extra getStats fields, which kurento-client drops).
 */
public final class RawWebSocket implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 10;

    final WebSocket socket;
    final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    private RawWebSocket(WebSocket.Builder builder, URI uri) throws Exception {
        socket = builder.connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        JsonNode node = JSON.readTree(text.toString());
                        (node.has("method") ? notifications : replies).add(node);
                    } catch (Exception e) {
                        replies.add(JSON.getNodeFactory().textNode("unparseable: " + text));
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public static RawWebSocket open(URI uri) throws Exception {
        return new RawWebSocket(HttpClient.newHttpClient().newWebSocketBuilder(), uri);
    }

    static RawWebSocket open(HttpClient client, URI uri, String bearer) throws Exception {
        WebSocket.Builder b = client.newWebSocketBuilder();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return new RawWebSocket(b, uri);
    }

    /** Sends the text as is and returns the next reply. */
    JsonNode sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return nextReply();
    }

    /** Sends a request with a fresh id and returns its reply. */
    public JsonNode call(String method, String paramsJson) throws Exception {
        int id = nextId.getAndIncrement();
        JsonNode reply = sendRaw("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
                + paramsJson + "}");
        if (reply.path("id").asInt() != id) {
            throw new AssertionError("reply to " + id + " expected, got " + reply);
        }
        return reply;
    }

    /** The value of a successful call; fails with the error otherwise. */
    public JsonNode value(String method, String paramsJson) throws Exception {
        JsonNode reply = call(method, paramsJson);
        if (!reply.has("result")) {
            throw new AssertionError(method + " failed: " + reply);
        }
        return reply.get("result").get("value");
    }

    JsonNode nextReply() throws InterruptedException {
        JsonNode reply = replies.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply within " + WAIT_SECONDS + " s");
        }
        return reply;
    }

    int awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
