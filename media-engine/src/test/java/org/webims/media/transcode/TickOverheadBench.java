package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the 20 ms clock itself costs the workers, with members that do nothing: thread CPU per
 * member tick of a periodic task per member on a 2-thread ScheduledThreadPoolExecutor (how audio
 * transcoders were ticked) against {@link SharedTicks}. The fixed per-call cost the audio-transcode
 * bench showed at light load (issue 4). Usage: TickOverheadBench [MEMBERS] [SECONDS]
 */
public final class TickOverheadBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private TickOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int round = 0; round < 2; round++) {
            System.out.printf(Locale.ROOT, "task per member: %.1f us per member tick%n", perTask(members, seconds));
            System.out.printf(Locale.ROOT, "shared ticks:    %.1f us per member tick%n", shared(members, seconds));
        }
    }

    static double perTask(int members, int seconds) throws InterruptedException {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "tick-bench-" + System.nanoTime());
            t.setDaemon(true);
            return t;
        });
        AtomicLong ticks = new AtomicLong();
        try {
            for (int i = 0; i < members; i++) {
                executor.scheduleAtFixedRate(ticks::incrementAndGet, 20, 20, TimeUnit.MILLISECONDS);
                Thread.sleep(1); // spread in phase, as calls arrive
            }
            return measure("tick-bench-", ticks, seconds);
        } finally {
            executor.shutdownNow();
        }
    }

    static double shared(int members, int seconds) throws InterruptedException {
        AtomicLong ticks = new AtomicLong();
        try (TranscodeWorkers workers = new TranscodeWorkers(2)) {
            for (int i = 0; i < members; i++) {
                workers.everyTick(ticks::incrementAndGet);
                Thread.sleep(1);
            }
            return measure("transcode-", ticks, seconds);
        }
    }

    private static double measure(String threads, AtomicLong ticks, int seconds) throws InterruptedException {
        Thread.sleep(1000);
        long cpu0 = cpu(threads);
        long n0 = ticks.get();
        Thread.sleep(seconds * 1000L);
        return (cpu(threads) - cpu0) / 1000.0 / Math.max(1, ticks.get() - n0);
    }

    private static long cpu(String prefix) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                sum += Math.max(0, CPU.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }
}
