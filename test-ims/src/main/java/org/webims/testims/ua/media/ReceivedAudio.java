package org.webims.testims.ua.media;

import java.util.Arrays;

/** The PCM a UA decoded from what it received, in arrival order, up to a bound (then the oldest is dropped). */
public final class ReceivedAudio {
    private final short[] samples;
    private int length;
    private long total;

    /** @param capacity samples kept (16 000 a second at 16 kHz) */
    public ReceivedAudio(int capacity) {
        this.samples = new short[capacity];
    }

    synchronized void append(short[] pcm, int count) {
        if (count >= samples.length) {
            System.arraycopy(pcm, count - samples.length, samples, 0, samples.length);
            length = samples.length;
        } else {
            int keep = Math.min(length, samples.length - count);
            System.arraycopy(samples, length - keep, samples, 0, keep);
            System.arraycopy(pcm, 0, samples, keep, count);
            length = keep + count;
        }
        total += count;
    }

    /** A copy of the samples kept. */
    public synchronized short[] samples() {
        return Arrays.copyOf(samples, length);
    }

    /**
     * Copies samples {@code [from, from + into.length)} (counted from the start, as
     * {@link #totalSamples()}) when all of them are kept: returns into.length, 0 when they have not
     * all arrived yet, -1 when some are no longer kept.
     */
    public synchronized int read(long from, short[] into) {
        long oldest = total - length;
        if (from < oldest) {
            return -1;
        }
        if (from + into.length > total) {
            return 0;
        }
        System.arraycopy(samples, (int) (from - oldest), into, 0, into.length);
        return into.length;
    }

    /** Samples decoded since the start, including those no longer kept. */
    public synchronized long totalSamples() {
        return total;
    }
}
