package org.webims.webrtc.congestion;

/**
 * The over-use detector of draft-ietf-rmcat-gcc-02 §5.4: the delay trend m(i) against an
 * adaptive threshold del_var_th(i).
 * <ul>
 *   <li>m(i) above the threshold for at least {@link #OVERUSE_TIME_MS} and not falling: over-use;</li>
 *   <li>m(i) below minus the threshold: under-use (the queue drains);</li>
 *   <li>else normal.</li>
 * </ul>
 * The threshold follows |m(i)|: {@code th(i) = th(i-1) + dt * K * (|m(i)| - th(i-1))}, with K =
 * {@link #K_UP} when |m| is above it and {@link #K_DOWN} below, dt in ms (at most 100), clamped to
 * [{@link #MIN_THRESHOLD_MS}, {@link #MAX_THRESHOLD_MS}], and not moved by an |m| more than
 * {@link #OUTLIER_MS} above it (a spike is no reason to become deaf). Why it adapts (§5.4): a
 * fixed threshold starves a delay-based flow beside TCP, whose queue the detector would read as
 * our over-use, and is too coarse on a quiet path.
 */
final class OveruseDetector {

    static final double INITIAL_THRESHOLD_MS = 12.5;
    static final double MIN_THRESHOLD_MS = 6;
    static final double MAX_THRESHOLD_MS = 600;
    static final double K_UP = 0.01;
    static final double K_DOWN = 0.00018;
    static final double OUTLIER_MS = 15;
    /** §5.4 overuse_time_th. */
    static final double OVERUSE_TIME_MS = 10;

    private double threshold = INITIAL_THRESHOLD_MS;
    private double lastUpdateMs = Double.NaN;
    private double previousTrend;
    private double overusingSinceMs = Double.NaN;
    private Usage usage = Usage.NORMAL;

    /** Takes m(i) at {@code nowMs} (the groups' arrival clock); returns the signal. */
    Usage detect(double trend, double nowMs) {
        if (trend > threshold) {
            if (Double.isNaN(overusingSinceMs)) {
                overusingSinceMs = nowMs;
            }
            if (nowMs - overusingSinceMs >= OVERUSE_TIME_MS && trend >= previousTrend) {
                usage = Usage.OVERUSE;
            }
        } else {
            overusingSinceMs = Double.NaN;
            usage = trend < -threshold ? Usage.UNDERUSE : Usage.NORMAL;
        }
        adapt(trend, nowMs);
        previousTrend = trend;
        return usage;
    }

    private void adapt(double trend, double nowMs) {
        if (Double.isNaN(lastUpdateMs)) {
            lastUpdateMs = nowMs;
        }
        double magnitude = Math.abs(trend);
        if (magnitude - threshold <= OUTLIER_MS) {
            double k = magnitude < threshold ? K_DOWN : K_UP;
            double dt = Math.min(Math.max(nowMs - lastUpdateMs, 0), 100);
            threshold += dt * k * (magnitude - threshold);
            threshold = Math.max(MIN_THRESHOLD_MS, Math.min(MAX_THRESHOLD_MS, threshold));
        }
        lastUpdateMs = nowMs;
    }

    double threshold() { return threshold; }

    Usage usage() { return usage; }
}
