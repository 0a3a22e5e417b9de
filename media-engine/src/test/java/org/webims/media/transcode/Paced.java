package org.webims.media.transcode;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/** Sends packets at their real-time pace, as a far end would: transcoders are clock-driven. */
public final class Paced {

    private Paced() {
    }

    /** Calls {@code send} for 0..count-1, one every {@code periodMillis}. */
    public static void run(int count, long periodMillis, IntConsumer send) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * periodMillis * 1_000_000L;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            send.accept(i);
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
