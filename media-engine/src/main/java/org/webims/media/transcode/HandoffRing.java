package org.webims.media.transcode;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer single-consumer ring of byte slots: how a media I/O thread hands
 * packets or frames to a transcoder's worker without a lock. A full ring drops the offer and
 * counts it (decision 0007: drop-and-count, never block the I/O thread). Slots grow on demand,
 * which happens only for a frame larger than any before (a video key frame); never per packet.
 */
final class HandoffRing {

    /** Takes one slot on the consumer side; the bytes are valid only during the call. */
    interface SlotConsumer {
        void take(byte[] data, int length, long stamp, int flags);
    }

    private final byte[][] data;
    private final int[] length;
    private final long[] stamp;
    private final int[] flags;
    private final AtomicLong head = new AtomicLong(); // next slot to write; producer only
    private final AtomicLong tail = new AtomicLong(); // next slot to read; consumer only
    private volatile long dropped;

    HandoffRing(int capacity, int initialSlotBytes) {
        data = new byte[capacity][initialSlotBytes];
        length = new int[capacity];
        stamp = new long[capacity];
        flags = new int[capacity];
    }

    /**
     * Producer: a slot of at least {@code bytes} to fill, or null (counted) when the ring is full.
     * Fill it, then {@link #publish}.
     */
    byte[] claim(int bytes) {
        long h = head.get();
        if (h - tail.get() >= data.length) {
            dropped++; // one producer thread writes this
            return null;
        }
        int i = (int) (h % data.length);
        if (data[i].length < bytes) {
            data[i] = new byte[Math.max(bytes, data[i].length * 3 / 2)];
        }
        return data[i];
    }

    /** Producer: makes the claimed slot visible to the consumer. */
    void publish(int bytes, long slotStamp, int slotFlags) {
        long h = head.get();
        int i = (int) (h % data.length);
        length[i] = bytes;
        stamp[i] = slotStamp;
        flags[i] = slotFlags;
        head.lazySet(h + 1);
    }

    /** Producer: copies one whole slot in; false (counted) when full. */
    boolean offer(byte[] src, int offset, int bytes, long slotStamp, int slotFlags) {
        byte[] slot = claim(bytes);
        if (slot == null) {
            return false;
        }
        System.arraycopy(src, offset, slot, 0, bytes);
        publish(bytes, slotStamp, slotFlags);
        return true;
    }

    /** Consumer: hands at most {@code max} slots to {@code consumer} in order; returns how many. */
    int drain(SlotConsumer consumer, int max) {
        long t = tail.get();
        long h = head.get();
        int n = 0;
        while (t < h && n < max) {
            int i = (int) (t % data.length);
            consumer.take(data[i], length[i], stamp[i], flags[i]);
            t++;
            n++;
            tail.lazySet(t);
        }
        return n;
    }

    boolean isEmpty() {
        return tail.get() >= head.get();
    }

    /** Offers refused because the consumer had fallen behind. */
    long dropped() {
        return dropped;
    }
}
