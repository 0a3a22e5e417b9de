package org.webims.sip.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIPp (Debian's sip-tester) as a real peer: one scenario, one process, its exit code and log.
 * Scenario files are sip-servlets' (src/test/resources/sipp), found through the system property
 * {@code sipp.scenarios} that this module's pom sets, so both modules run the same call flows.
 */
final class Sipp implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Sipp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Runs a scenario file ({@code name.xml}) or a built-in one ("uac", "uas") for one call, on {@code localPort}. */
    static Sipp start(String scenario, int localPort, String target) {
        List<String> command = new ArrayList<>(List.of("sipp"));
        if (scenario.endsWith(".xml")) {
            command.addAll(List.of("-sf", scenarios().resolve(scenario).toString()));
        } else {
            command.addAll(List.of("-sn", scenario));
        }
        command.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(localPort), "-m", "1", "-nostdin",
                "-timeout", "30s", "-timeout_error"));
        if (target != null) {
            command.add(target);
        }
        try {
            Path log = Files.createTempFile("sipp-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Sipp(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sipp (install Debian's sip-tester)", e);
        }
    }

    private static Path scenarios() {
        String folder = System.getProperty("sipp.scenarios");
        if (folder == null) {
            throw new IllegalStateException("system property sipp.scenarios is not set (the module's pom sets it)");
        }
        return Path.of(folder).toAbsolutePath().normalize();
    }

    /** Waits for the scenario to end: its exit code, 0 when the call went as scripted, -1 if it did not end. */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    String log() {
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
}
