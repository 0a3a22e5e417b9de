package org.webims.media.srtp;

import java.util.Arrays;

/**
 * The sliding replay window of RFC 3711 §3.3.2 over packet indices: a circular bitmap where
 * index i lives at bit i mod size, cleared as the highest index advances.
 *
 * <p>A window of up to 128 packets (the RFC's 64 is the default) keeps its bitmap in two fields of
 * this object rather than in an array of its own: a relay of many calls reads and writes the window
 * at every packet, and the array was one more object, so one more cache line, that such a relay
 * finds cold each time (decision 0048). Larger windows use an array as before.
 */
final class ReplayWindow {

    /** The largest window kept in the two fields below. */
    static final int INLINE_BITS = 128;

    private final int size;
    private final long[] bits; // null: the window is in low/high
    private long low;  // bits 0..63 of an inline window
    private long high; // bits 64..127
    private long highest = -1;

    ReplayWindow(int size) {
        this.size = size;
        this.bits = size <= INLINE_BITS ? null : new long[(size + 63) >>> 6];
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
        return (word(pos) & (1L << pos)) == 0;
    }

    /** Records an authenticated index (call only after {@link #isFresh} said yes). */
    void accept(long index) {
        if (index > highest) {
            long delta = highest < 0 ? size : index - highest;
            if (delta >= size) {
                clearAll();
            } else {
                for (long i = highest + 1; i < index; i++) {
                    int pos = (int) (i % size);
                    setWord(pos, word(pos) & ~(1L << pos));
                }
            }
            highest = index;
        }
        int pos = (int) (index % size);
        setWord(pos, word(pos) | 1L << pos);
    }

    // the 64 bits that hold bit pos (a shift by pos uses pos mod 64, as Java defines it)
    private long word(int pos) {
        if (bits != null) {
            return bits[pos >>> 6];
        }
        return pos < 64 ? low : high;
    }

    private void setWord(int pos, long value) {
        if (bits != null) {
            bits[pos >>> 6] = value;
        } else if (pos < 64) {
            low = value;
        } else {
            high = value;
        }
    }

    private void clearAll() {
        if (bits != null) {
            Arrays.fill(bits, 0L);
        } else {
            low = 0;
            high = 0;
        }
    }
}
