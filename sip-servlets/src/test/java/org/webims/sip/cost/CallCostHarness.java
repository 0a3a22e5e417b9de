package org.webims.sip.cost;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Not a test: CPU and bytes allocated per call of two builds of the container, in one JVM and one
 * run. Each build (a class path: its classes, test classes and dependencies) gets a class loader of
 * its own with a {@link CallCostScenario}: the container and two JAIN-SIP peers on loopback UDP.
 * Both warm up, then run the same number of calls in alternating windows; what each container's
 * threads used (CPU time and allocation from the thread MX bean) is counted over the whole
 * measured period, so that what lingers after a window (timers, retransmissions) is counted too.
 * GC and JIT threads are the JVM's and not in the figures.
 * Run: {@code java -cp TEST_CLASSES:DEPS org.webims.sip.cost.CallCostHarness OLD_CP NEW_CP [rounds] [callsPerWindow] [concurrent]}.
 */
public final class CallCostHarness {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CallCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int perWindow = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int concurrent = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        Side old = new Side("old", args[0]);
        Side current = new Side("new", args[1]);
        for (int warm = 0; warm < 3; warm++) { // C2 compiles both builds' hot paths before anything is counted
            old.run(perWindow, concurrent);
            current.run(perWindow, concurrent);
        }
        old.startCounting();
        current.startCounting();
        for (int round = 0; round < rounds; round++) {
            Side first = round % 2 == 0 ? old : current;
            Side second = first == old ? current : old;
            first.countedCalls += first.run(perWindow, concurrent);
            second.countedCalls += second.run(perWindow, concurrent);
        }
        Thread.sleep(2000); // what the last window left (timers) finishes within the counted period
        old.report();
        current.report();
        System.out.printf("new/old cpu %.3f alloc %.3f%n", current.cpuPerCall() / old.cpuPerCall(),
                current.bytesPerCall() / old.bytesPerCall());
        old.close();
        current.close();
        System.exit(0);
    }

    /** One build: its class loader, its scenario, the container's threads and what they used. */
    private static final class Side {
        final String name;
        final Object scenario;
        final Method calls;
        final Method threads;
        final Method failed;
        final Method close;
        final Set<Long> ids = new LinkedHashSet<>();
        long cpuAtStart;
        long bytesAtStart;
        long cpuAtEnd;
        long bytesAtEnd;
        int countedCalls;

        Side(String name, String classPath) throws Exception {
            this.name = name;
            List<URL> urls = new ArrayList<>();
            for (String entry : classPath.split(File.pathSeparator)) {
                urls.add(new File(entry).toURI().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> type = loader.loadClass(CallCostScenario.class.getName());
            scenario = type.getConstructor(String.class).newInstance(name);
            calls = type.getMethod("calls", int.class, int.class);
            threads = type.getMethod("containerThreads");
            failed = type.getMethod("failed");
            close = type.getMethod("close");
        }

        int run(int count, int concurrent) throws Exception {
            int done = (int) calls.invoke(scenario, count, concurrent);
            for (long id : (long[]) threads.invoke(scenario)) {
                ids.add(id);
            }
            return done;
        }

        void startCounting() {
            cpuAtStart = cpu();
            bytesAtStart = bytes();
        }

        double cpuPerCall() {
            return (cpuAtEnd - cpuAtStart) / 1000.0 / countedCalls;
        }

        double bytesPerCall() {
            return (double) (bytesAtEnd - bytesAtStart) / countedCalls;
        }

        void report() throws Exception {
            cpuAtEnd = cpu();
            bytesAtEnd = bytes();
            System.out.printf("%s: %d calls, %d failed, %d container threads, %.1f us CPU per call, %.0f bytes allocated per call%n",
                    name, countedCalls, (int) failed.invoke(scenario), ids.size(), cpuPerCall(), bytesPerCall());
        }

        private long cpu() {
            long sum = 0;
            for (long id : ids) {
                long t = THREADS.getThreadCpuTime(id);
                sum += Math.max(0, t);
            }
            return sum;
        }

        private long bytes() {
            long sum = 0;
            for (long id : ids) {
                sum += Math.max(0, THREADS.getThreadAllocatedBytes(id));
            }
            return sum;
        }

        void close() throws Exception {
            close.invoke(scenario);
        }
    }
}
