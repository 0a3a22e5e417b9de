package org.webims.webrtc.congestion;

/**
 * Whether the bottleneck's queue grows: the arrival-time filter of draft-ietf-rmcat-gcc-02 §5.3,
 * done as a least-squares trendline rather than the draft's scalar Kalman filter.
 *
 * <p>Why not the Kalman filter: with the draft's q = 10^-3 and a measurement noise of a few ms²
 * its gain is below 1 %, so m(i) needs hundreds of groups (several seconds of video) to follow a
 * queue that grows by tens of milliseconds per frame; it works in a receiver that sees every
 * packet's abs-send-time and scales m(i) up, but is slow and hard to reason about here. A
 * trendline over the last groups answers the same question directly.
 *
 * <p>The accumulated delay D(i) = sum of d(j) (§5.1) is smoothed, S(i) = a S(i-1) + (1 - a) D(i),
 * and the slope of S over the groups' arrival times is fitted over the last {@link #WINDOW}
 * groups. The slope is milliseconds of queue per millisecond; the over-use detector (§5.4)
 * compares milliseconds with its threshold, so {@link #update} returns the slope times
 * {@link #WINDOW} × {@link #GAIN} (80): sending twice what the path carries (a slope near 0.5)
 * gives 40 ms, well above the threshold's 12.5 ms start; 15 % more (0.15) gives 12 ms, about
 * the start; 5 % more (0.05) gives 4 ms, which only a threshold that adapted down to a quiet
 * path (§5.4) treats as over-use.
 */
final class DelayTrend {

    /** Groups in the fit: 20 frames, about 0.7 s of 30 fps video. */
    static final int WINDOW = 20;
    /** a: the smoothing of the accumulated delay. */
    static final double SMOOTHING = 0.9;
    /** With {@link #WINDOW}, scales the slope to milliseconds for the detector's threshold. */
    static final double GAIN = 4;

    private final double[] times = new double[WINDOW];
    private final double[] delays = new double[WINDOW];
    private int count; // groups seen, ever
    private double accumulated;
    private double smoothed;
    private double firstArrivalMs = Double.NaN;
    private double trend;

    /**
     * Takes d(i) (ms) of the group that arrived at {@code arrivalMs} (the browser's clock); returns
     * the trend m(i) in milliseconds, 0 until the window is full.
     */
    double update(double delayVariationMs, double arrivalMs) {
        if (Double.isNaN(firstArrivalMs)) {
            firstArrivalMs = arrivalMs;
        }
        accumulated += delayVariationMs;
        smoothed = SMOOTHING * smoothed + (1 - SMOOTHING) * accumulated;
        int slot = count % WINDOW;
        times[slot] = arrivalMs - firstArrivalMs;
        delays[slot] = smoothed;
        count++;
        if (count < WINDOW) {
            return trend = 0;
        }
        double meanT = 0;
        double meanD = 0;
        for (int i = 0; i < WINDOW; i++) {
            meanT += times[i];
            meanD += delays[i];
        }
        meanT /= WINDOW;
        meanD /= WINDOW;
        double num = 0;
        double den = 0;
        for (int i = 0; i < WINDOW; i++) {
            double dt = times[i] - meanT;
            num += dt * (delays[i] - meanD);
            den += dt * dt;
        }
        double slope = den > 0 ? num / den : 0;
        return trend = slope * WINDOW * GAIN;
    }

    double trend() { return trend; }
}
