package org.webims.webrtc.congestion;

/**
 * The loss-based controller of draft-ietf-rmcat-gcc-02 §6, fed with the packets the browser's
 * transport-wide feedback reports lost and received (not the RTCP receiver reports the draft
 * names: the same loss, sooner and per packet). Over each window of at least
 * {@link #WINDOW_NANOS} and {@link #MIN_PACKETS} packets, with p the fraction lost:
 * <ul>
 *   <li>p &gt; 10 %: As_hat = A × (1 - 0.5 p), A being the estimate in force (the lower of this
 *   and the delay-based one), so that a loss the delay did not show still cuts at once;</li>
 *   <li>p &lt; 2 %: As_hat = 1.05 × As_hat;</li>
 *   <li>else it holds: some loss is the path's, not ours, and is no reason to move.</li>
 * </ul>
 * Why a window: Chromium sends feedback every 50 to 100 ms, a dozen packets; one lost in a dozen
 * would read as 8 % and move the estimate on noise.
 */
final class LossBasedControl {

    static final long WINDOW_NANOS = 500_000_000L;
    static final int MIN_PACKETS = 20;
    static final double HIGH_LOSS = 0.10;
    static final double LOW_LOSS = 0.02;

    private final SendBitrate bounds;
    private long estimate;
    private long windowStartNanos = Long.MIN_VALUE;
    private int lost;
    private int received;
    private double lastFraction;

    LossBasedControl(SendBitrate bounds) {
        this.bounds = bounds;
        this.estimate = bounds.max(); // no evidence of loss yet: the delay-based estimate rules
    }

    void lost() { lost++; }

    void received() { received++; }

    /**
     * Closes the window if it is long and full enough, at local time {@code nowNanos}, with the
     * estimate in force {@code current}; returns As_hat.
     */
    long update(long current, long nowNanos) {
        if (windowStartNanos == Long.MIN_VALUE) {
            windowStartNanos = nowNanos;
        }
        int total = lost + received;
        if (nowNanos - windowStartNanos < WINDOW_NANOS || total < MIN_PACKETS) {
            return estimate;
        }
        double p = (double) lost / total;
        lastFraction = p;
        if (p > HIGH_LOSS) {
            estimate = (long) (Math.min(current, estimate) * (1 - 0.5 * p));
        } else if (p < LOW_LOSS) {
            estimate = (long) (estimate * 1.05);
        }
        estimate = bounds.clamp(estimate);
        lost = 0;
        received = 0;
        windowStartNanos = nowNanos;
        return estimate;
    }

    long estimate() { return estimate; }

    /** p of the last closed window. */
    double lossFraction() { return lastFraction; }
}
