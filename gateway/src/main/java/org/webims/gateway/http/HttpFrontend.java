package org.webims.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.webrtc.iceservers.IceServers;

/**
 * The gateway's HTTP listener: {@code GET /health}, the demo phone page with its {@code /config.json},
 * and {@code /webrtc/ice-servers}, the STUN and TURN servers for web clients.
 */
public final class HttpFrontend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontend.class);

    /** Where web clients read their RTCIceServer list (decision 0072). */
    public static final String ICE_SERVERS_PATH = "/webrtc/ice-servers";

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpFrontend(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving; {@code health} supplies the JSON body of {@code /health},
     * {@code pageConfig} that of {@code /config.json} (what the demo page fills its fields with),
     * {@code iceServers} that of {@code /webrtc/ice-servers} to whom {@code access} lets in.
     */
    public static HttpFrontend start(String host, int port, Supplier<String> health, DemoPage page,
                                     Supplier<String> pageConfig, IceServers iceServers, IceServersAccess access)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/health", exchange -> {
            try (exchange) {
                if (readOnly(exchange)) {
                    send(exchange, 200, "application/json", health.get());
                }
            }
        });
        server.createContext(ICE_SERVERS_PATH, exchange -> {
            try (exchange) {
                if (readOnly(exchange)) {
                    iceServers(exchange, iceServers, access);
                }
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!readOnly(exchange)) {
                    return;
                }
                String path = exchange.getRequestURI().getPath();
                DemoPage.File file = page.file(path);
                if (file != null) {
                    send(exchange, 200, file.contentType(), file.bytes());
                } else if ("/config.json".equals(path)) {
                    send(exchange, 200, "application/json", pageConfig.get());
                } else {
                    send(exchange, 404, "text/plain", "not found\n");
                }
            }
        });
        server.start();
        LOG.atInfo().addKeyValue("address", host + ":" + port).log("http listening");
        return new HttpFrontend(server, executor);
    }

    /**
     * RTCIceServer JSON with a credential made for this request ({@code ?username=} names the web
     * user in a TURN REST username); {@code no-store}, as every answer here, so no cache keeps it.
     */
    private static void iceServers(HttpExchange exchange, IceServers iceServers, IceServersAccess access)
            throws IOException {
        if (!ICE_SERVERS_PATH.equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "text/plain", "not found\n");
            return;
        }
        try {
            String user = queryParameter(exchange.getRequestURI().getRawQuery(), "username");
            IceServersAccess.Verdict verdict = access.check(exchange.getRequestHeaders().getFirst("Authorization"),
                    user == null || user.isEmpty() ? null : user);
            if (!verdict.allowed()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", verdict.challenge()); // RFC 6750 §3
                send(exchange, 401, "text/plain", "a web user's bearer token is needed\n");
                return;
            }
            send(exchange, 200, "application/json", iceServers.json(verdict.user()));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "text/plain", e.getMessage() + "\n");
        }
    }

    /** The decoded value of {@code name} in a raw query string, or null; a malformed escape is an IllegalArgumentException. */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Only GET and HEAD: anything else gets 405 with Allow (RFC 9110 §15.5.6); false then. */
    private static boolean readOnly(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "method not allowed\n");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("http stopped");
    }
}
