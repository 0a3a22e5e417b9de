package org.webims.media.codec.resample;

/**
 * Streaming mono resampler between rates with an integer ratio R (48 kHz ⇄ 16 kHz: R = 3), a
 * polyphase FIR: one Kaiser-windowed-sinc low-pass at the high rate, cut off at the low rate's
 * Nyquist frequency, {@value #TAPS_PER_PHASE} taps per phase (R · {@value #TAPS_PER_PHASE} in all).
 * With a transition band of ±1/8 of the low Nyquist (7..9 kHz for 48/16) it reaches about 70 dB
 * stop-band rejection (Kaiser's formula), so aliases fall only into the top eighth of the band.
 *
 * <p>Keeps its filter history across calls, so frames may be fed one at a time. Allocates nothing
 * after construction. Not thread-safe: one resampler per stream direction.
 */
public final class FirResampler {

    static final int TAPS_PER_PHASE = 36;
    /** Kaiser β for ≈70 dB attenuation: 0.1102 · (70 − 8.7). */
    private static final double KAISER_BETA = 6.76;
    /** Input processed per pass (high-rate samples when decimating, low-rate when interpolating). */
    private static final int CHUNK = 1920;

    private final int inputRate;
    private final int outputRate;
    private final int ratio;
    private final boolean down;
    /** Decimating: the R·P taps, reversed. Interpolating: R phases of P taps each, reversed, times R. */
    private final float[] taps;
    private final int history;
    private final float[] line;

    private FirResampler(int inputRate, int outputRate) {
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.down = inputRate > outputRate;
        int high = Math.max(inputRate, outputRate);
        int low = Math.min(inputRate, outputRate);
        if (low <= 0 || high % low != 0 || high == low) {
            throw new IllegalArgumentException("resampling needs an integer ratio > 1, not " + inputRate + " -> " + outputRate);
        }
        this.ratio = high / low;
        double[] h = lowPass(ratio * TAPS_PER_PHASE, 0.5 / ratio);
        this.taps = new float[h.length];
        if (down) {
            for (int k = 0; k < h.length; k++) {
                taps[k] = (float) h[h.length - 1 - k];
            }
            history = h.length - 1;
        } else {
            for (int p = 0; p < ratio; p++) {
                for (int j = 0; j < TAPS_PER_PHASE; j++) {
                    taps[p * TAPS_PER_PHASE + j] = (float) (ratio * h[p + ratio * (TAPS_PER_PHASE - 1 - j)]);
                }
            }
            history = TAPS_PER_PHASE - 1;
        }
        this.line = new float[history + CHUNK];
    }

    /** A resampler from {@code inputRate} to {@code outputRate} Hz (e.g. 48000 → 16000). */
    public static FirResampler create(int inputRate, int outputRate) {
        return new FirResampler(inputRate, outputRate);
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Output samples for {@code inputLength} input samples. */
    public int outputLength(int inputLength) {
        return down ? inputLength / ratio : inputLength * ratio;
    }

    /** Forgets the history (a new stream starts from silence). */
    public void reset() {
        java.util.Arrays.fill(line, 0f);
    }

    /**
     * Resamples {@code in[inOffset..inOffset+inLength)} into {@code out[outOffset..]}.
     * When decimating, {@code inLength} must be a multiple of the ratio (960 → 320 at 48 → 16 kHz).
     *
     * @return samples written, {@link #outputLength(int)}
     */
    public int process(short[] in, int inOffset, int inLength, short[] out, int outOffset) {
        if (down && inLength % ratio != 0) {
            throw new IllegalArgumentException("decimating by " + ratio + " needs a multiple of " + ratio + " samples, got " + inLength);
        }
        int written = 0;
        for (int done = 0; done < inLength; ) {
            int n = Math.min(CHUNK, inLength - done);
            for (int i = 0; i < n; i++) {
                line[history + i] = in[inOffset + done + i];
            }
            written += down ? decimate(n, out, outOffset + written) : interpolate(n, out, outOffset + written);
            System.arraycopy(line, n, line, 0, history);
            done += n;
        }
        return written;
    }

    private int decimate(int n, short[] out, int outOffset) {
        int outputs = n / ratio;
        int length = taps.length;
        for (int m = 0; m < outputs; m++) {
            // the output lines up with the last of its R inputs; line[start + k] meets taps[k] (reversed)
            int start = m * ratio + ratio - 1 + history - (length - 1);
            out[outOffset + m] = saturate(dot(taps, 0, line, start, length));
        }
        return outputs;
    }

    private int interpolate(int n, short[] out, int outOffset) {
        int o = outOffset;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < ratio; p++) {
                out[o++] = saturate(dot(taps, p * TAPS_PER_PHASE, line, i, TAPS_PER_PHASE));
            }
        }
        return n * ratio;
    }

    /** Four partial sums: independent chains the CPU can overlap (lengths here are multiples of 4). */
    private static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += a[aOffset + k] * b[bOffset + k];
            s1 += a[aOffset + k + 1] * b[bOffset + k + 1];
            s2 += a[aOffset + k + 2] * b[bOffset + k + 2];
            s3 += a[aOffset + k + 3] * b[bOffset + k + 3];
        }
        for (; k < length; k++) {
            s0 += a[aOffset + k] * b[bOffset + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static short saturate(float v) {
        int r = Math.round(v);
        return (short) (r > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(r, Short.MIN_VALUE));
    }

    /** Kaiser-windowed sinc low-pass, {@code cutoff} in cycles per sample, unity gain at DC. */
    static double[] lowPass(int length, double cutoff) {
        double[] h = new double[length];
        double centre = (length - 1) / 2.0;
        double i0Beta = besselI0(KAISER_BETA);
        double sum = 0;
        for (int n = 0; n < length; n++) {
            double t = n - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = t / centre;
            double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            h[n] = sinc * window;
            sum += h[n];
        }
        for (int n = 0; n < length; n++) {
            h[n] /= sum;
        }
        return h;
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }
}
