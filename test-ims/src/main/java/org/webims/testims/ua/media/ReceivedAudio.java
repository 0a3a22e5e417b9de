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

    /** Samples decoded since the start, including those no longer kept. */
    public synchronized long totalSamples() {
        return total;
    }
}
