package org.webims.sip.container.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.webims.sip.stack.UnusedPorts;

/** SIPp (Debian's sip-tester) run as a real peer: one scenario, one process, its exit code and log. */
public final class Sipp implements AutoCloseable {
    /** SIPp's words when its SIP port is taken ("Unable to bind main socket, errno = 98"). */
    private static final String PORT_TAKEN = "Unable to bind main socket";
    /** Tries of {@link #startOnFreePort}: another process may take a port between its draw and SIPp's bind. */
    private static final int START_ATTEMPTS = 5;
    /** SIPp binds within milliseconds; this only bounds a start that went wrong. */
    private static final long LISTEN_TIMEOUT_MILLIS = 10_000;

    private final Process process;
    private final Path log;
    private final int port;

    private Sipp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Thrown when SIPp could not bind its SIP port: some other socket holds it. */
    public static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * As {@link #start}, on a port of its own: drawn from the unused ones, and drawn again when
     * another process took it before SIPp could bind it. {@link #port()} tells which.
     */
    public static Sipp startOnFreePort(String scenario, String target, String... extra) {
        PortTakenException last = null;
        for (int i = 0; i < START_ATTEMPTS; i++) {
            try {
                return start(scenario, freePort(), target, extra);
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * A scenario file from src/test/resources/sipp, or a built-in one ("uac", "uas"). Returns once
     * SIPp holds {@code localPort} (a peer started next cannot be given it, and what is sent to it
     * arrives) or has ended; throws {@link PortTakenException} if the port was taken.
     */
    public static Sipp start(String scenario, int localPort, String target, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        if (scenario.endsWith(".xml")) {
            cmd.addAll(List.of("-sf", scenarios().resolve(scenario).toString()));
        } else {
            cmd.addAll(List.of("-sn", scenario));
        }
        cmd.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(localPort), "-nostdin", "-timeout", "30s",
                "-timeout_error"));
        cmd.addAll(List.of(extra));
        if (target != null) {
            cmd.add(target);
        }
        try {
            Path log = Files.createTempFile("sipp-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Sipp sipp = new Sipp(p, log, localPort);
            sipp.awaitListening();
            return sipp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sipp (install Debian's sip-tester)", e);
        }
    }

    /** Waits until SIPp holds its port, or has ended (its exit code then tells, unless the port was taken). */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LISTEN_TIMEOUT_MILLIS);
        while (!ListeningSockets.holds(process.pid(), port)) {
            if (!process.isAlive()) {
                String text = log();
                if (text.contains(PORT_TAKEN)) {
                    Files.deleteIfExists(log);
                    throw new PortTakenException("SIPp could not bind 127.0.0.1:" + port + ":\n" + text);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("SIPp did not bind 127.0.0.1:" + port + " within "
                        + LISTEN_TIMEOUT_MILLIS + " ms:\n" + log());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while SIPp started", e);
            }
        }
    }

    /** The local port SIPp listens on. */
    public int port() {
        return port;
    }

    /** This module's scenarios, or the folder {@code sipp.scenarios} names (other modules' tests). */
    private static Path scenarios() {
        String folder = System.getProperty("sipp.scenarios");
        return Path.of(folder == null ? "src/test/resources/sipp" : folder).toAbsolutePath().normalize();
    }

    /** Waits for the scenario to end and returns its exit code (0: every call succeeded). */
    public int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }

    /** A loopback port free for both UDP and TCP, never handed out before in this JVM ({@link UnusedPorts#shared}). */
    public static int freePort() {
        return UnusedPorts.shared().next();
    }
}
