package org.webims.webrtc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A process's and its threads' CPU time and context switches, from /proc (proc(5)), for the srtp-relay bench. */
final class ProcCpu {

    static final long CLK_TCK = 100; // USER_HZ, fixed at 100 on Linux for /proc/PID/stat

    private ProcCpu() {
    }

    /** {utime, stime} of a process, all threads. */
    static long[] ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 and 15
    }

    /** Per thread name: {user, system} clock ticks. */
    static Map<String, long[]> threadTicks(long pid) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long[] v = out.computeIfAbsent(name, k -> new long[2]);
                    v[0] += Long.parseLong(f[11]);
                    v[1] += Long.parseLong(f[12]);
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    /** Over the threads whose name starts with {@code prefix}: user and system clock ticks, context switches. */
    static long[] threads(long pid, String prefix) throws IOException {
        long[] out = new long[3];
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    if (!stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith(prefix)) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out[0] += Long.parseLong(f[11]);
                    out[1] += Long.parseLong(f[12]);
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            out[2] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    /** Adds what each thread used between the two snapshots to {@code into}. */
    static void addDelta(Map<String, long[]> into, Map<String, long[]> before, Map<String, long[]> after) {
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] sum = into.computeIfAbsent(e.getKey(), k -> new long[2]);
            sum[0] += e.getValue()[0] - b[0];
            sum[1] += e.getValue()[1] - b[1];
        }
    }

    /** The five threads that used the most CPU, with their user and system seconds. */
    static String busiest(Map<String, long[]> used) {
        return used.entrySet().stream()
                .filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]))
                .limit(5)
                .map(e -> String.format(java.util.Locale.ROOT, "%s=%.2fs (user %.2f, system %.2f)", e.getKey(),
                        (e.getValue()[0] + e.getValue()[1]) / (double) CLK_TCK, e.getValue()[0] / (double) CLK_TCK,
                        e.getValue()[1] / (double) CLK_TCK))
                .reduce((x, y) -> x + ", " + y).orElse("");
    }
}
