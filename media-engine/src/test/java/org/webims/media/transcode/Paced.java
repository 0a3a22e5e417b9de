package org.webims.media.transcode;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/** Sends packets at their real-time pace, as a far end would: transcoders are clock-driven. */
public final class Paced {

    private Paced() {
    }

    /** One step of {@link #run(int, long, Step)}: its index and the {@link System#nanoTime} it was due at. */
    public interface Step {
        void run(int i, long dueNanos);
    }

    /** Calls {@code send} for 0..count-1, one every {@code periodMillis}. */
    public static void run(int count, long periodMillis, IntConsumer send) {
        run(count, periodMillis, (i, dueNanos) -> send.accept(i));
    }

    /**
     * As {@link #run(int, long, IntConsumer)}, telling each step when it was due: a starved thread
     * runs steps late, and one that stamps arrival times from the schedule is not fooled by that.
     */
    public static void run(int count, long periodMillis, Step step) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * periodMillis * 1_000_000L;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            step.run(i, due);
        }
    }

    /** Waits until {@code condition} holds or {@code millis} pass; returns whether it held. */
    public static boolean await(long millis, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        return condition.getAsBoolean();
    }
}
