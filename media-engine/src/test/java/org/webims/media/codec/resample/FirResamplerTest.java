package org.webims.media.codec.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.webims.media.codec.AllocationMeter;
import org.webims.media.codec.Tones;

class FirResamplerTest {

    private static final int SECOND_48K = 48_000;

    /** Streams {@code in} through {@code r} in 20 ms frames, as the media path does. */
    private static short[] streamFrames(FirResampler r, short[] in, int frame) {
        short[] out = new short[r.outputLength(in.length)];
        int o = 0;
        for (int i = 0; i < in.length; i += frame) {
            o += r.process(in, i, frame, out, o);
        }
        return out;
    }

    @Test
    void downsamplingPassesOneKilohertzAtLevel() {
        short[] out = streamFrames(FirResampler.create(48_000, 16_000), Tones.sine(1000, -10, 48_000, SECOND_48K), 960);
        // skip the filter's settling (108 taps = 36 output samples); 15680 samples = 980 whole periods
        double level = Tones.goertzelAmplitude(out, 320, 16_000, 1000, 16_000);
        assertEquals(0, Tones.db(level, Tones.amplitude(-10)), 0.1, "1 kHz gain in dB");
        assertEquals(1000, Tones.zeroCrossingHz(out, 320, 16_000, 16_000), 2);
    }

    @Test
    void downsamplingAttenuatesTenKilohertzByMoreThan40Db() {
        short[] out = streamFrames(FirResampler.create(48_000, 16_000), Tones.sine(10_000, -10, 48_000, SECOND_48K), 960);
        // 10 kHz folds to 6 kHz at 16 kHz: measure there, and in total
        double alias = Tones.goertzelAmplitude(out, 320, 16_000, 6000, 16_000);
        assertTrue(Tones.db(alias, Tones.amplitude(-10)) < -40, "alias at 6 kHz: " + Tones.db(alias, Tones.amplitude(-10)) + " dB");
        double rms = Tones.rms(out, 320, 16_000) * Math.sqrt(2);
        assertTrue(Tones.db(rms, Tones.amplitude(-10)) < -40, "output level " + Tones.db(rms, Tones.amplitude(-10)) + " dB");
    }

    @Test
    void upsamplingPassesOneKilohertzAtLevelWithoutImages() {
        short[] out = streamFrames(FirResampler.create(16_000, 48_000), Tones.sine(1000, -10, 16_000, 16_000), 320);
        double level = Tones.goertzelAmplitude(out, 960, SECOND_48K, 1000, 48_000);
        assertEquals(0, Tones.db(level, Tones.amplitude(-10)), 0.1, "1 kHz gain in dB");
        // zero-stuffing images of 1 kHz at 16 kHz lie at 15 and 17 kHz
        for (int image : new int[] {15_000, 17_000}) {
            double a = Tones.goertzelAmplitude(out, 960, SECOND_48K, image, 48_000);
            assertTrue(Tones.db(a, Tones.amplitude(-10)) < -40, "image at " + image + " Hz: " + Tones.db(a, Tones.amplitude(-10)));
        }
    }

    @Test
    void keepsFilterStateAcrossFrames() {
        short[] tone = Tones.sine(3100, -3, 48_000, 9600);
        short[] framed = streamFrames(FirResampler.create(48_000, 16_000), tone, 960);
        short[] whole = new short[3200];
        FirResampler.create(48_000, 16_000).process(tone, 0, tone.length, whole, 0);
        assertArrayEquals(whole, framed);

        short[] low = Tones.sine(2900, -3, 16_000, 3200);
        short[] upFramed = streamFrames(FirResampler.create(16_000, 48_000), low, 320);
        short[] upWhole = new short[9600];
        FirResampler.create(16_000, 48_000).process(low, 0, low.length, upWhole, 0);
        assertArrayEquals(upWhole, upFramed);
    }

    @Test
    void fullScaleInputSaturatesInsteadOfWrapping() {
        short[] square = new short[9600];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 48) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = streamFrames(FirResampler.create(48_000, 16_000), square, 960);
        // Gibbs overshoot of a full-scale square would wrap around without saturation: no sign flips mid-plateau
        for (int i = 100; i < out.length; i++) {
            int plateauPos = (i * 3 - 54 + 9600) % 96; // position in the input's period, after the 53.5-sample delay
            if (plateauPos > 16 && plateauPos < 32) {
                assertTrue(out[i] > 0, "sample " + i + " = " + out[i]);
            }
        }
    }

    @Test
    void rejectsRatesWithoutAnIntegerRatio() {
        assertThrows(IllegalArgumentException.class, () -> FirResampler.create(44_100, 16_000));
        assertThrows(IllegalArgumentException.class, () -> FirResampler.create(16_000, 16_000));
    }

    @Test
    void rejectsAPartialDecimationStep() {
        FirResampler r = FirResampler.create(48_000, 16_000);
        assertThrows(IllegalArgumentException.class, () -> r.process(new short[961], 0, 961, new short[400], 0));
    }

    @Test
    void allocatesNothingPerFrame() {
        FirResampler down = FirResampler.create(48_000, 16_000);
        FirResampler up = FirResampler.create(16_000, 48_000);
        short[] wide = Tones.sine(1000, -10, 48_000, 960);
        short[] narrow = new short[320];
        long bytes = AllocationMeter.bytesAllocatedBy(2000, () -> {
            down.process(wide, 0, 960, narrow, 0);
            up.process(narrow, 0, 320, wide, 0);
        });
        assertEquals(0, bytes, "bytes allocated over 2000 frames");
    }
}
