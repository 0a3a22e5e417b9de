package org.webims.webrtc.media;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The last video packets we sent, by sequence number, for answering NACKs with RFC 4588
 * retransmissions. One thread stores (the one sending video), another fetches (the I/O thread
 * that received the NACK); a per-slot stamp written before and after the copy (a seqlock) lets
 * the reader see a torn slot and give up, with no lock per packet.
 */
final class RtxCache {

    static final int SLOT_BYTES = 1300;
    private static final int WRITING = -1;
    private static final int EMPTY = 0;

    private final byte[][] slots;
    private final int[] lengths;
    private final AtomicIntegerArray stamps;
    private final int mask;

    RtxCache(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        slots = new byte[capacityPowerOfTwo][SLOT_BYTES];
        lengths = new int[capacityPowerOfTwo];
        stamps = new AtomicIntegerArray(capacityPowerOfTwo);
        mask = capacityPowerOfTwo - 1;
    }

    /** Keeps the plain RTP packet {@code b[off, off+len)} sent with sequence number {@code seq}. */
    void store(int seq, byte[] b, int off, int len) {
        int i = seq & mask;
        if (len > SLOT_BYTES) {
            stamps.set(i, EMPTY);
            return;
        }
        stamps.set(i, WRITING);
        System.arraycopy(b, off, slots[i], 0, len);
        lengths[i] = len;
        stamps.set(i, stamp(seq));
    }

    /** Copies packet {@code seq} into {@code out}; its length, or -1 when no longer (or not wholly) held. */
    int fetch(int seq, byte[] out) {
        int i = seq & mask;
        int want = stamp(seq);
        if (stamps.get(i) != want) {
            return -1;
        }
        int len = lengths[i];
        System.arraycopy(slots[i], 0, out, 0, Math.min(len, out.length));
        VarHandle.acquireFence(); // the copy happens before the second stamp read
        return stamps.get(i) == want && len <= out.length ? len : -1;
    }

    private static int stamp(int seq) {
        return (seq & 0xffff) + 1;
    }
}
