package org.webims.sip.container.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** SIPp (Debian's sip-tester) run as a real peer: one scenario, one process, its exit code and log. */
public final class Sipp implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Sipp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A scenario file from src/test/resources/sipp, or a built-in one ("uac", "uas"). */
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
            return new Sipp(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sipp (install Debian's sip-tester)", e);
        }
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

    /** A loopback port free for both UDP and TCP. */
    public static int freePort() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port");
    }
}
