package org.webims.webrtc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The srtp-relay bench's side of its load generator ({@link SrtpRelayLoad}, a process of its own,
 * on the other core with SRTP_RELAY_LOAD_CPU): started once with the legs of every subject, then
 * told which subject to load for how long, one at a time. Over each measured window it reads the
 * loaded relay's CPU from /proc, and the others' too, which should be idle.
 */
final class RelayLoadGenerator implements AutoCloseable {

    private final Process load;
    private final Thread reaper;
    private final BufferedReader out;
    private final PrintStream in;
    private final List<RelaySubject> subjects;
    private final Set<RelaySubject> loaded = new HashSet<>();

    RelayLoadGenerator(double ratePerLeg, List<RelaySubject> subjects) throws IOException {
        this.subjects = subjects;
        List<String> cmd = new ArrayList<>();
        String cpu = System.getenv("SRTP_RELAY_LOAD_CPU");
        if (cpu != null && !cpu.isEmpty()) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        // the load generator's SRTP on the JDK's GHASH intrinsic whatever the relay uses: its CPU is not measured
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--add-opens", "java.base/com.sun.crypto.provider=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SrtpRelayLoad.class.getName(),
                Double.toString(ratePerLeg)));
        for (RelaySubject s : subjects) {
            cmd.add("@" + s.name());
            cmd.addAll(s.legs());
        }
        load = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        reaper = new Thread(load::destroyForcibly, "load-generator-reaper"); // no stray load if we are stopped
        Runtime.getRuntime().addShutdownHook(reaper);
        out = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintStream(load.getOutputStream(), true, StandardCharsets.UTF_8);
        String l = out.readLine();
        while (l != null && !l.equals("ready")) { // its logging comes first
            l = out.readLine();
        }
        if (l == null) {
            throw new IllegalStateException("the load generator did not start (exit " + exit() + ")");
        }
    }

    /**
     * Loads {@code subject} alone: {@code settle} seconds unmeasured, then a window of {@code seconds}
     * (0 for a warm-up), then what is in flight is waited for (within the window's CPU time).
     */
    RelayWindow window(RelaySubject subject, double settle, double seconds) throws IOException {
        return window(subject, settle, seconds, Double.NaN);
    }

    /** As {@link #window(RelaySubject, double, double)}, at {@code ratePerLeg} instead of the rate given at start. */
    RelayWindow window(RelaySubject subject, double settle, double seconds, double ratePerLeg) throws IOException {
        if (loaded.contains(subject)) {
            List<String> renewed = subject.renewCalls();
            if (!renewed.isEmpty()) {
                in.println("target " + subject.name() + " " + String.join(" ", renewed));
                for (String l = out.readLine(); !"targeted".equals(l); l = out.readLine()) {
                    if (l == null) {
                        throw new IllegalStateException("the load generator ended (exit " + exit() + ")");
                    }
                }
            }
        }
        loaded.add(subject);
        in.printf(Locale.ROOT, "run %s %.3f %.3f%s%n", subject.name(), settle, seconds,
                Double.isNaN(ratePerLeg) ? "" : String.format(Locale.ROOT, " %.3f", ratePerLeg));
        RelayWindow w = new RelayWindow();
        w.subject = subject.name();
        long[] cpuAtMeasure = new long[2];
        long nanosAtMeasure = 0;
        Map<String, Long> othersAtMeasure = new LinkedHashMap<>();
        for (String l; (l = out.readLine()) != null; ) {
            if (l.equals("measure")) {
                for (RelaySubject s : subjects) {
                    if (s != subject) {
                        othersAtMeasure.put(s.name(), s.relayThreadTicks());
                        long[] t = ProcCpu.ticks(s.pid());
                        othersAtMeasure.put(s.name() + "/process", t[0] + t[1]);
                    }
                }
                subject.windowStarts();
                cpuAtMeasure = ProcCpu.ticks(subject.pid());
                nanosAtMeasure = System.nanoTime();
            } else if (l.startsWith("result ")) {
                long[] ticks = ProcCpu.ticks(subject.pid());
                w.wallSeconds = (System.nanoTime() - nanosAtMeasure) / 1e9;
                w.cpuSeconds = (ticks[0] + ticks[1] - cpuAtMeasure[0] - cpuAtMeasure[1]) / (double) ProcCpu.CLK_TCK;
                w.load = l.substring(7);
                w.sent = SrtpRelayBench.field(w.load, "sent");
                w.received = SrtpRelayBench.field(w.load, "received");
                w.measured = SrtpRelayBench.field(w.load, "measured_received");
                w.measuredSent = SrtpRelayBench.field(w.load, "measured_sent");
                w.measuredSeconds = Double.parseDouble(SrtpRelayBench.find(w.load, "\"measured_seconds\":([\\d.]+)"));
                if (w.measured > 0) {
                    w.userMicrosPerPacket = (ticks[0] - cpuAtMeasure[0]) * 1e6 / ProcCpu.CLK_TCK / w.measured;
                    w.systemMicrosPerPacket = (ticks[1] - cpuAtMeasure[1]) * 1e6 / ProcCpu.CLK_TCK / w.measured;
                }
                subject.windowEnded(w);
                Map<String, long[]> idle = new LinkedHashMap<>();
                for (RelaySubject s : subjects) {
                    if (s != subject) {
                        long[] t = ProcCpu.ticks(s.pid());
                        idle.put(s.name(), new long[] {t[0] + t[1] - othersAtMeasure.get(s.name() + "/process"),
                                s.relayThreadTicks() - othersAtMeasure.get(s.name())});
                    }
                }
                w.idleTicks = idle;
                return w;
            }
        }
        throw new IllegalStateException("the load generator gave no result (exit " + exit() + ")");
    }

    private String exit() {
        try {
            return load.waitFor(10, TimeUnit.SECONDS) ? Integer.toString(load.exitValue()) : "none, still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            in.println("quit");
            in.close();
            if (!load.waitFor(10, TimeUnit.SECONDS)) {
                load.destroyForcibly();
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }
}
