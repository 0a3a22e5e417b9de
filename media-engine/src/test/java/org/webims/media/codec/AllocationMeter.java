package org.webims.media.codec;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running a per-frame step many times (after a warm-up). */
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
            long before = threads.getThreadAllocatedBytes(thread);
            long calibration = threads.getThreadAllocatedBytes(thread) - before;
            before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < frames; i++) {
                step.run();
            }
            return threads.getThreadAllocatedBytes(thread) - before - calibration;
        } catch (Exception e) {
            throw new AssertionError("step failed", e);
        }
    }
}
