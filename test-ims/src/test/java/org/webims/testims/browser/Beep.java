package org.webims.testims.browser;

import org.webims.media.codec.Tones;

/**
 * Chromium's fake microphone beep (400 Hz square wave, 20 ms every 500 ms) in PCM a UA decoded:
 * the 20 ms window (eight whole periods of 400 Hz) with the strongest 400 Hz component: its
 * amplitude, and the share of the window's power that component carries (about 0.8 for a
 * square wave, near 0 for the UA's own 1 kHz tone or noise).
 */
record Beep(double amplitude, double share, int at) {
    /** The UA's decoding rate, and the fake microphone beep's frequency. */
    static final int RATE = 16_000;
    static final double BEEP_HZ = 400;

    static Beep strongest(short[] pcm) {
        int window = 320;
        Beep best = new Beep(0, 0, -1);
        for (int i = 0; i + window <= pcm.length; i += 40) {
            double a = Tones.goertzelAmplitude(pcm, i, i + window, BEEP_HZ, RATE);
            if (a > best.amplitude()) {
                double rms = Tones.rms(pcm, i, i + window);
                best = new Beep(a, rms == 0 ? 0 : (a * a / 2) / (rms * rms), i);
            }
        }
        return best;
    }

    /** Beeps: runs of 20 ms windows whose 400 Hz amplitude exceeds {@code threshold}, 300 ms apart at least. */
    static int count(short[] pcm, double threshold) {
        int beeps = 0;
        int last = -RATE;
        for (int i = 0; i + 320 <= pcm.length; i += 40) {
            if (i - last >= RATE * 3 / 10 && Tones.goertzelAmplitude(pcm, i, i + 320, BEEP_HZ, RATE) > threshold) {
                beeps++;
                last = i;
            }
        }
        return beeps;
    }
}
