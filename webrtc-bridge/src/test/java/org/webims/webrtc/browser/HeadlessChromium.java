package org.webims.webrtc.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with the flags of /work/shared/testing-notes.md, driven through
 * the DevTools protocol over the JDK's WebSocket client: it opens one page and evaluates
 * JavaScript in it ({@code Runtime.evaluate}, promises awaited).
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean frozen;

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Opens the WebRtcEndpoint tests' peer page (browser/peer.html). */
    public HeadlessChromium(String pageUrl) throws Exception {
        this(pageUrl, "typeof window.makeOffer === 'function'");
    }

    /** Opens {@code pageUrl} and waits until it has loaded and {@code readyCondition} (JavaScript) holds. */
    public HeadlessChromium(String pageUrl, String readyCondition) throws Exception {
        this(pageUrl, readyCondition, Launch.DEFAULT);
    }

    /**
     * What a test adds to the usual launch: command-line switches, and a home folder of its own
     * (where Chromium on Linux keeps its NSS certificate database, {@code HOME/.pki/nssdb}), or null.
     */
    public record Launch(List<String> switches, Path home) {
        public static final Launch DEFAULT = new Launch(List.of(), null);
    }

    /** As {@link #HeadlessChromium(String, String)}, launched as {@code launch} says. */
    public HeadlessChromium(String pageUrl, String readyCondition, Launch launch) throws Exception {
        profile = Files.createTempDirectory("webims-chromium");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile));
        command.addAll(launch.switches());
        command.add(pageUrl);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile());
        if (launch.home() != null) {
            builder.environment().put("HOME", launch.home().toString());
        }
        process = builder.start();
        try {
            int port = devToolsPort(Duration.ofSeconds(30));
            HttpClient http = HttpClient.newHttpClient();
            String ws = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ws == null && System.nanoTime() < deadline) {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(list)) {
                    if ("page".equals(target.path("type").asText()) && target.path("url").asText().equals(pageUrl)) {
                        ws = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (ws == null) {
                    Thread.sleep(100);
                }
            }
            if (ws == null) {
                throw new IllegalStateException("Chromium opened no page for " + pageUrl);
            }
            socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(30, TimeUnit.SECONDS);
            waitFor("document.readyState === 'complete' && (" + readyCondition + ")", Duration.ofSeconds(30));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private int devToolsPort(Duration timeout) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited: " + log());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Chromium wrote no DevTools port: " + log());
    }

    /** Evaluates {@code expression} in the page, awaiting a promise; the value (a string, number, ...). */
    public JsonNode evaluate(String expression) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", "Runtime.evaluate");
        message.putObject("params").put("expression", expression).put("awaitPromise", true)
                .put("returnByValue", true);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode result = reply.get(60, TimeUnit.SECONDS).path("result");
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Closes the page as a user closing the tab does (DevTools {@code Page.close}: the page unloads
     * and its peer connections go with it); the browser keeps running. No answer is awaited: the
     * page's DevTools connection ends with it.
     */
    public void closePage() throws Exception {
        ObjectNode message = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("method", "Page.close");
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

    /**
     * Stops (SIGSTOP) the browser's renderer processes, or resumes them (SIGCONT): the page's script
     * and its WebRTC stack (ICE checks come from the renderer) freeze, while the sockets the browser
     * process holds for it, its WebSocket's TCP connection among them, stay open. As close to a network
     * gone under a live WebSocket (decision 0093) as a test without a network namespace gets. No
     * DevTools evaluation answers while frozen.
     */
    public void freezeRenderers(boolean frozen) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", frozen ? "-STOP" : "-CONT"));
        process.descendants().filter(HeadlessChromium::isRenderer).forEach(p -> command.add(Long.toString(p.pid())));
        if (command.size() == 2) {
            throw new IllegalStateException("Chromium has no renderer process: " + log());
        }
        if (new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() != 0) {
            throw new IllegalStateException("could not signal the renderers: " + command);
        }
        this.frozen = frozen;
    }

    private static boolean isRenderer(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).contains("--type=renderer");
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    public String evaluateString(String expression) throws Exception {
        return evaluate(expression).asText();
    }

    /** Calls a page function with string arguments, JSON-quoted. */
    public String call(String function, Object... args) throws Exception {
        StringBuilder b = new StringBuilder(function).append('(');
        for (int i = 0; i < args.length; i++) {
            b.append(i > 0 ? "," : "").append(JSON.writeValueAsString(args[i]));
        }
        return evaluateString(b.append(')').toString());
    }

    /** Polls the JSON the page function returns until {@code done} holds; generous timeouts, no wall-time asserts. */
    public JsonNode pollJson(String expression, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(evaluateString(expression));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        return last;
    }

    private void waitFor(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate(condition).asBoolean(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("page never satisfied " + condition);
    }

    public String log() {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        if (frozen) {
            try {
                freezeRenderers(false); // a stopped process holds its SIGTERM until continued
            } catch (Exception e) {
                // the forcible kill below ends it all the same
            }
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode node = JSON.readTree(text);
                    CompletableFuture<JsonNode> f = node.has("id") ? pending.remove(node.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(node);
                    }
                } catch (IOException e) {
                    // not JSON: ignore
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
