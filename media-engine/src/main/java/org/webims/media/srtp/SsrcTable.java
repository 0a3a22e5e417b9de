package org.webims.media.srtp;

/**
 * SSRC to context, bounded: open addressing over preallocated arrays so that a lookup on the
 * packet path allocates nothing; only a new SSRC creates its context.
 */
final class SsrcTable {

    private final int max;
    private final int mask;
    private final int[] keys;
    private final SsrcContext[] values;
    private int size;
    private SsrcContext last;

    SsrcTable(int max) {
        this.max = max;
        int capacity = Integer.highestOneBit(Math.max(2, max * 2 - 1)) << 1;
        this.mask = capacity - 1;
        this.keys = new int[capacity];
        this.values = new SsrcContext[capacity];
    }

    SsrcContext get(int ssrc) {
        SsrcContext l = last;
        if (l != null && l.ssrc == ssrc) {
            return l;
        }
        for (int i = slot(ssrc); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                last = values[i];
                return last;
            }
        }
        return null;
    }

    boolean isFull() {
        return size >= max;
    }

    int size() {
        return size;
    }

    /** Adds a context for an SSRC not in the table; the caller checked {@link #isFull()}. */
    SsrcContext add(int ssrc, int windowSize) {
        SsrcContext c = new SsrcContext(ssrc, windowSize);
        int i = slot(ssrc);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = ssrc;
        values[i] = c;
        size++;
        last = c;
        return c;
    }

    private int slot(int ssrc) {
        int h = ssrc * 0x9E3779B9; // Fibonacci hashing spreads sequential SSRCs
        return (h ^ (h >>> 16)) & mask;
    }
}
