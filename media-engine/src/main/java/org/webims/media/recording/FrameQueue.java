package org.webims.media.recording;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded queue of preallocated frame slots between any number of media threads and the one
 * writer thread, without locks or per-frame allocation (D. Vyukov's bounded MPMC queue, used
 * with a single consumer). A producer claims a slot, fills it and publishes it; when every slot
 * is taken, {@link #claim} answers null at once and the producer drops the frame.
 */
final class FrameQueue {

    private final QueuedFrame[] slots;
    private final AtomicLongArray sequences;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    // Read and written only by the consumer thread.
    private long head;

    FrameQueue(int capacity, int initialFrameBytes) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2: " + capacity);
        }
        slots = new QueuedFrame[capacity];
        sequences = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            slots[i] = new QueuedFrame(i, initialFrameBytes);
            sequences.set(i, i);
        }
        mask = capacity - 1;
    }

    int capacity() { return slots.length; }

    /** A free slot for the producer to fill and then {@link #publish}, or null when full. */
    QueuedFrame claim() {
        long pos = tail.get();
        while (true) {
            int i = (int) (pos & mask);
            long gap = sequences.getAcquire(i) - pos;
            if (gap == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    QueuedFrame slot = slots[i];
                    slot.position = pos;
                    return slot;
                }
                pos = tail.get();
            } else if (gap < 0) {
                return null;
            } else {
                pos = tail.get();
            }
        }
    }

    void publish(QueuedFrame slot) {
        sequences.setRelease(slot.index, slot.position + 1);
    }

    /** Consumer: the oldest published slot, or null when none is ready. */
    QueuedFrame peek() {
        int i = (int) (head & mask);
        return sequences.getAcquire(i) == head + 1 ? slots[i] : null;
    }

    /** Consumer: gives the slot {@link #peek} returned back to the producers. */
    void release(QueuedFrame slot) {
        sequences.setRelease(slot.index, head + slots.length);
        head++;
    }

    /** Consumer: whether a producer has claimed a slot it has not published yet, or one waits. */
    boolean pending() {
        return tail.get() != head;
    }
}
