package org.webims.interworking.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.webims.media.node.MediaNodeMain;

/**
 * A media node in its own JVM ({@link MediaNodeMain} on this test class path, so webrtc-bridge's
 * WebRtcEndpoint type is there), serving the Kurento protocol on a free port with a token. Its
 * output is kept for failure messages.
 */
public final class MediaNodeProcess implements AutoCloseable {
    private static final String LISTENING = "media node listening on ";

    private final Process process;
    private final URI uri;
    private final int minPort;
    private final int maxPort;
    private final StringBuffer output;

    private MediaNodeProcess(Process process, URI uri, int minPort, int maxPort, StringBuffer output) {
        this.process = process;
        this.uri = uri;
        this.minPort = minPort;
        this.maxPort = maxPort;
        this.output = output;
    }

    /** Starts a node with {@code token} and waits until it prints where it listens. */
    public static MediaNodeProcess start(String token, Duration timeout) throws Exception {
        int[] ports = freeRange(40);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), MediaNodeMain.class.getName(),
                "--kurento-listen", "127.0.0.1:0", "--ports", ports[0] + "-" + ports[1], "--bind", "127.0.0.1",
                "--token", token);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.startsWith(LISTENING)) {
                        listening.complete(URI.create(line.substring(LISTENING.length())));
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
            listening.completeExceptionally(new IllegalStateException("media node exited before listening:\n" + output));
        }, "media-node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new MediaNodeProcess(p, listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS), ports[0], ports[1],
                    output);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("media node not listening within " + timeout + ":\n" + output, e);
        }
    }

    /** Where it serves the Kurento protocol, e.g. {@code ws://127.0.0.1:41234/kurento}. */
    public URI uri() {
        return uri;
    }

    /** Whether {@code port} is one of the node's media ports. */
    public boolean ownsPort(int port) {
        return port >= minPort && port <= maxPort;
    }

    /** Kills the process at once (SIGKILL): no close frame, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the process (SIGSTOP): its sockets stay open but nothing answers, as on a hung host. */
    public void freeze() throws Exception {
        Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).start();
        if (stop.waitFor() != 0) {
            throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
        }
    }

    public String output() {
        return output.toString();
    }

    /** Stops the node with SIGTERM (its shutdown hook closes it), forcibly if it hangs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code size} ports where no peer's port is drawn ({@link org.webims.sip.stack.UnusedPorts#range}). */
    private static int[] freeRange(int size) {
        int start = org.webims.sip.stack.UnusedPorts.shared().range(size);
        return new int[] {start, start + size - 1};
    }
}
