package org.webims.media.rtp.session;

/**
 * The loss a far receiver reports about one of our streams, smoothed for an encoder to plan its
 * redundancy by. Each report block's fraction lost (RFC 3550 §6.4.1: lost / expected since its
 * previous report, in 1/256) is one sample of an exponential filter weighted by the time since
 * the last sample: libwebrtc's Opus sender (PacketLossFractionSmoother, alpha 0.9999 per ms, a
 * time constant of 10 s; the first sample taken as it is). The filter follows the receiver's
 * reporting interval, so a browser's 5 s reports and an IMS phone's 1 s ones move it alike.
 * One writer (the thread reading the peer's RTCP); {@link #percent} may be read by any.
 */
public final class ReportedLoss {

    /** libwebrtc's kAlphaForPacketLossFractionSmoother: the weight one millisecond leaves the old value. */
    static final double ALPHA_PER_MS = 0.9999;

    private double fraction = -1; // none yet
    private long lastNanos;
    private volatile int percent;

    /** A report block's fraction lost (0..255, in 1/256) arrived at {@code nowNanos} (System.nanoTime). */
    public void add(int fractionLost256, long nowNanos) {
        double sample = (fractionLost256 & 0xFF) / 256.0;
        if (fraction < 0) {
            fraction = sample;
        } else {
            double elapsedMs = Math.max(0, (nowNanos - lastNanos) / 1e6);
            double keep = Math.pow(ALPHA_PER_MS, elapsedMs);
            fraction = keep * fraction + (1 - keep) * sample;
        }
        lastNanos = nowNanos;
        percent = (int) (fraction * 100 + 0.5); // rounded as libwebrtc rounds it for OPUS_SET_PACKET_LOSS_PERC
    }

    /** The smoothed loss, 0 to 1; 0 before any report. */
    public double fraction() {
        return Math.max(0, fraction);
    }

    /** The smoothed loss in whole percent, 0 before any report. */
    public int percent() {
        return percent;
    }
}
