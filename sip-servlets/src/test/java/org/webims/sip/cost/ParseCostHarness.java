package org.webims.sip.cost;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: {@link ParseCostProbe} for two builds in one JVM, alternately, each in a class loader
 * of its own; prints the CPU ns and bytes allocated per parse of each message, the median over the
 * measured rounds.
 * Run: {@code java -cp TEST_CLASSES:DEPS org.webims.sip.cost.ParseCostHarness OLD_CP NEW_CP [rounds] [perRound]}.
 */
public final class ParseCostHarness {
    private ParseCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int perRound = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        Object[] probes = {probe(args[0]), probe(args[1])};
        Method run = probes[0].getClass().getMethod("run", int.class);
        Method run2 = probes[1].getClass().getMethod("run", int.class);
        List<double[][]> old = new ArrayList<>();
        List<double[][]> current = new ArrayList<>();
        for (int round = 0; round < rounds + 3; round++) {
            double[][] o = (double[][]) run.invoke(probes[0], perRound);
            double[][] n = (double[][]) run2.invoke(probes[1], perRound);
            if (round >= 3) { // three rounds of warm-up for C2
                old.add(o);
                current.add(n);
            }
        }
        System.out.printf("%-12s %10s %10s %7s %10s %10s %7s%n", "message", "old ns", "new ns", "new/old",
                "old bytes", "new bytes", "new/old");
        double[] sums = new double[4];
        for (int m = 0; m < ParseCostProbe.NAMES.size(); m++) {
            double oldNs = median(old, m, 0);
            double newNs = median(current, m, 0);
            double oldBytes = median(old, m, 1);
            double newBytes = median(current, m, 1);
            sums[0] += oldNs;
            sums[1] += newNs;
            sums[2] += oldBytes;
            sums[3] += newBytes;
            System.out.printf("%-12s %10.0f %10.0f %7.3f %10.0f %10.0f %7.3f%n", ParseCostProbe.NAMES.get(m),
                    oldNs, newNs, newNs / oldNs, oldBytes, newBytes, newBytes / oldBytes);
        }
        System.out.printf("%-12s %10.0f %10.0f %7.3f %10.0f %10.0f %7.3f%n", "call (sum)", sums[0], sums[1],
                sums[1] / sums[0], sums[2], sums[3], sums[3] / sums[2]);
    }

    private static Object probe(String classPath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return loader.loadClass(ParseCostProbe.class.getName()).getConstructor().newInstance();
    }

    private static double median(List<double[][]> rounds, int message, int what) {
        double[] values = rounds.stream().mapToDouble(r -> r[message][what]).sorted().toArray();
        return values[values.length / 2];
    }
}
