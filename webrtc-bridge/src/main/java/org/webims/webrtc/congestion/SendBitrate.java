package org.webims.webrtc.congestion;

/**
 * The bounds of the send-side estimate toward one browser, in bits per second.
 *
 * @param min   the estimate never goes below this (our video encoder's own floor is 50 kbit/s)
 * @param start the estimate before any feedback: the rate controller's first A_hat
 *              (draft-ietf-rmcat-gcc-02 §5.5) and the loss-based one's first As_hat (§6)
 * @param max   the estimate never goes above this
 */
public record SendBitrate(long min, long start, long max) {

    public SendBitrate {
        if (min < 10_000 || start < min || max < start) {
            throw new IllegalArgumentException("need 10 kbit/s <= min <= start <= max: " + min + ", " + start + ", " + max);
        }
    }

    /**
     * 50 kbit/s to 2.5 Mbit/s, starting at 1 Mbit/s: above the 800 kbit/s our encoder picks for
     * 360p to 576p, so that on a good path the estimate does not hold our video back while it
     * has no measurement yet; a narrower path shows as over-use within the first second.
     */
    public static SendBitrate defaults() {
        return new SendBitrate(50_000, 1_000_000, 2_500_000);
    }

    /** {@code bps} within [min, max]. */
    public long clamp(long bps) {
        return Math.max(min, Math.min(max, bps));
    }
}
