package org.webims.testims.ua.media;

/** A continuous sine at a known frequency and level: the UA's test signal. */
public final class ToneSource implements AudioSource {
    private final double step;
    private final double amplitude;
    private double phase;

    /** @param dbfs peak level relative to full scale (0 dBFS = 32767) */
    public ToneSource(double hz, double dbfs, int sampleRate) {
        this.step = 2 * Math.PI * hz / sampleRate;
        this.amplitude = 32767.0 * Math.pow(10, dbfs / 20);
    }

    @Override
    public void next(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(phase));
            phase += step;
        }
        phase %= 2 * Math.PI;
    }
}
