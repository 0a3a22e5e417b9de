package org.webims.media.srtp;

import java.util.Arrays;

/**
 * The sliding replay window of RFC 3711 §3.3.2 over packet indices: a circular bitmap where
 * index i lives at bit i mod size, cleared as the highest index advances.
 */
final class ReplayWindow {

    private final long[] bits;
    private final int size;
    private long highest = -1;

    ReplayWindow(int size) {
        this.size = size;
        this.bits = new long[(size + 63) >>> 6];
    }

    /** Highest index accepted so far, -1 before the first. */
    long highest() {
        return highest;
    }

    /** True when {@code index} was not seen and is not older than the window. */
    boolean isFresh(long index) {
        if (index > highest) {
            return true;
        }
        if (index < 0 || highest - index >= size) {
            return false;
        }
        int pos = (int) (index % size);
        return (bits[pos >>> 6] & (1L << pos)) == 0;
    }

    /** Records an authenticated index (call only after {@link #isFresh} said yes). */
    void accept(long index) {
        if (index > highest) {
            long delta = highest < 0 ? size : index - highest;
            if (delta >= size) {
                Arrays.fill(bits, 0L);
            } else {
                for (long i = highest + 1; i < index; i++) {
                    int pos = (int) (i % size);
                    bits[pos >>> 6] &= ~(1L << pos);
                }
            }
            highest = index;
        }
        int pos = (int) (index % size);
        bits[pos >>> 6] |= 1L << pos;
    }
}
