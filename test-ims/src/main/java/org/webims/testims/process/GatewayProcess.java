package org.webims.testims.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code bin/gateway} script run as a child process, as an operator would run it.
 * Its output goes to a file the test can read after the fact.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private GatewayProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The checkout's root, passed by the build as {@code webims.root}. */
    public static Path projectRoot() {
        String root = System.getProperty("webims.root");
        if (root == null) {
            throw new IllegalStateException("system property webims.root is not set (run the tests through Maven)");
        }
        return Path.of(root);
    }

    public static GatewayProcess start(List<String> args) throws IOException {
        return start(args, Map.of());
    }

    /** As {@link #start(List)}, with these variables added to the script's environment. */
    public static GatewayProcess start(List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(projectRoot().resolve("bin/gateway").toString());
        command.addAll(args);
        Path output = Files.createTempFile("gateway-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new GatewayProcess(builder.start(), output);
    }

    /** Waits until {@code GET /health} on {@code httpPort} answers 200, or the process ends. */
    public void awaitHealthy(int httpPort, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("gateway not healthy within " + timeout + ":\n" + output());
    }

    /** Sends SIGTERM (what {@link Process#destroy()} sends on Linux). */
    public void terminate() {
        process.destroy();
    }

    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(output);
    }
}
