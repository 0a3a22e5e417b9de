package org.webims.media.codec;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates while running a per-frame step many times, after a warm-up.
 * The least of three rounds: one-off allocations (lazy initialisation, the JIT switching tiers) land
 * in one round at most, while a per-frame allocation shows in every round.
 */
public final class AllocationMeter {

    /** A per-frame step that may throw the codec's checked exception. */
    public interface Step {
        void run() throws Exception;
    }

    private AllocationMeter() {
    }

    public static long bytesAllocatedBy(int frames, Step step) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try {
            for (int i = 0; i < frames; i++) {
                step.run(); // warm-up: class loading and lazy init happen here
            }
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < frames; i++) {
                    step.run();
                }
                least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
            }
            return least;
        } catch (Exception e) {
            throw new AssertionError("step failed", e);
        }
    }
}
