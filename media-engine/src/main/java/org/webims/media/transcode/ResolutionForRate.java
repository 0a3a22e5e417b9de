package org.webims.media.transcode;

/**
 * Which fraction of the source size an encoder codes at, given its target bitrate: a picture far
 * too large for the rate is halved (each side) rather than coded into mush, and restored when the
 * rate recovers. The limits are libwebrtc's MaximumFrameSizeForBitrate (video/video_stream_encoder.cc):
 * under 300 kbit/s at most QVGA (76 800 pixels), under 500 kbit/s at most VGA (307 200); so 360p
 * needs 300 kbit/s and 150 kbit/s gets 180p. Without a target (no downstream limit, or one lifted)
 * the size is whole.
 */
final class ResolutionForRate {

    /** Sides are divided by 1, 2 or 4, no further: a quarter of 360p is already 160x90. */
    static final int MAX_DIVISOR = 4;
    /**
     * Back up only once the target is 30 % over the larger size's threshold, and 2 s after the last
     * change: REMB and the transport-cc estimate swing by 10-20 % from report to report, and every
     * change costs a key frame.
     */
    static final double UP_MARGIN = 1.3;
    static final long UP_HOLD_TICKS = 2 * 90_000;

    private int divisor = 1;
    private long changedAt;

    /**
     * The divisor of each side for a picture of this size at {@code ts} (90 kHz); a 0 target is no
     * limit: the whole size, once the hold since the last change is over (a lifted limit restores it
     * as any rise does).
     */
    int divisor(long targetBps, int width, int height, long ts) {
        if (targetBps <= 0) {
            if (divisor > 1 && ((ts - changedAt) & 0xFFFFFFFFL) >= UP_HOLD_TICKS) {
                divisor = 1;
                changedAt = ts;
            }
            return divisor;
        }
        int wanted = divisorFor(targetBps, width, height);
        if (wanted > divisor) {
            divisor = wanted;
            changedAt = ts;
        } else if (wanted < divisor && ((ts - changedAt) & 0xFFFFFFFFL) >= UP_HOLD_TICKS) {
            int up = divisorFor((long) (targetBps / UP_MARGIN), width, height);
            if (up < divisor) {
                divisor = up;
                changedAt = ts;
            }
        }
        return divisor;
    }

    static int divisorFor(long bps, int width, int height) {
        long max = maxPixels(bps);
        int d = 1;
        while (d < MAX_DIVISOR && (long) (width / d) * (height / d) > max) {
            d *= 2;
        }
        return d;
    }

    static long maxPixels(long bps) {
        return bps < 300_000 ? 320 * 240 : bps < 500_000 ? 640 * 480 : Long.MAX_VALUE;
    }
}
