package org.webims.media.codec;

/** Test signals and their measurement: sine generation, Goertzel amplitude, zero-crossing frequency. */
public final class Tones {

    private Tones() {
    }

    /** Peak amplitude of a sine at {@code dbfs} (0 dBFS = full-scale peak, 32767). */
    public static double amplitude(double dbfs) {
        return 32767.0 * Math.pow(10, dbfs / 20);
    }

    /** {@code samples} of a sine at {@code hz}, peak level {@code dbfs}. */
    public static short[] sine(double hz, double dbfs, int rate, int samples) {
        short[] s = new short[samples];
        double a = amplitude(dbfs);
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(a * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /**
     * {@code samples} of a voice-like test signal at {@code rate}: a 140 Hz glottal pulse train's
     * harmonics up to 3.4 kHz, falling 6 dB an octave, in syllables of 240 ms sound and 100 ms
     * silence, peak about -12 dBFS. A codec's voice activity detector takes it for speech (a steady
     * tone it soon learns as background), so SILK codes it as active speech, LBRR included.
     */
    public static short[] speechLike(int rate, int samples) {
        short[] s = new short[samples];
        double a = amplitude(-12) / 3;
        int syllable = rate * 340 / 1000;
        int voiced = rate * 240 / 1000;
        for (int i = 0; i < samples; i++) {
            int inSyllable = i % syllable;
            if (inSyllable >= voiced) {
                continue;
            }
            double envelope = Math.sin(Math.PI * inSyllable / voiced);
            double f0 = 140 * (1 + 0.1 * Math.sin(2 * Math.PI * i / syllable)); // intonation
            double v = 0;
            for (int h = 1; h * 140 <= 3400; h++) {
                v += Math.sin(2 * Math.PI * f0 * h * i / rate) / h;
            }
            s[i] = (short) Math.round(a * envelope * v);
        }
        return s;
    }

    /** Peak amplitude of the {@code hz} component of {@code s[from..to)} (Goertzel; exact when the window holds whole periods). */
    public static double goertzelAmplitude(short[] s, int from, int to, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double q1 = 0;
        double q2 = 0;
        for (int i = from; i < to; i++) {
            double q0 = coeff * q1 - q2 + s[i];
            q2 = q1;
            q1 = q0;
        }
        double power = q1 * q1 + q2 * q2 - coeff * q1 * q2;
        return 2 * Math.sqrt(Math.max(power, 0)) / (to - from);
    }

    /** RMS of {@code s[from..to)}. */
    public static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** Frequency from the number of sign changes in {@code s[from..to)}. */
    public static double zeroCrossingHz(short[] s, int from, int to, int rate) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                crossings++;
            }
        }
        return crossings * (double) rate / (2.0 * (to - from - 1));
    }

    /** Level in dB of {@code amplitude} relative to {@code reference}. */
    public static double db(double amplitude, double reference) {
        return 20 * Math.log10(amplitude / reference);
    }
}
