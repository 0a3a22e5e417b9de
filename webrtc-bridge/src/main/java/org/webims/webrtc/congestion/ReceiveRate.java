package org.webims.webrtc.congestion;

/**
 * R_hat(i) of draft-ietf-rmcat-gcc-02 §5.5: the rate at which the browser received our packets,
 * over the last {@link #WINDOW_MICROS} of its arrival clock (the draft's T, within its 0.5 to 1 s).
 * The packets of the window sit in a fixed ring of {@link #CAPACITY}; a ring that fills (more
 * than 4096 packets per half second, some 45 Mbit/s) drops the oldest and reads low, which only
 * makes the estimate cautious.
 */
final class ReceiveRate {

    static final long WINDOW_MICROS = 500_000;
    static final int CAPACITY = 2048;

    private final long[] arrivals = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private int head; // oldest
    private int count;
    private long bytes;
    private long firstArrival = Long.MIN_VALUE;

    /** One packet the browser received at {@code arrivalMicros} (non-decreasing), of {@code size} bytes. */
    void add(long arrivalMicros, int size) {
        if (firstArrival == Long.MIN_VALUE) {
            firstArrival = arrivalMicros;
        }
        if (count == CAPACITY) {
            drop();
        }
        int tail = (head + count) % CAPACITY;
        arrivals[tail] = arrivalMicros;
        sizes[tail] = size;
        bytes += size;
        count++;
    }

    /** Bits per second over the window ending at {@code nowMicros}; -1 until a whole window was seen. */
    long bitsPerSecond(long nowMicros) {
        while (count > 0 && arrivals[head] <= nowMicros - WINDOW_MICROS) {
            drop();
        }
        if (firstArrival == Long.MIN_VALUE || nowMicros - firstArrival < WINDOW_MICROS) {
            return -1;
        }
        return bytes * 8 * 1_000_000 / WINDOW_MICROS;
    }

    private void drop() {
        bytes -= sizes[head];
        head = (head + 1) % CAPACITY;
        count--;
    }
}
