package org.webims.media.endpoint.recorder;

/**
 * Turns one stream's RTP timestamps into microseconds on the recorder's clock (the local
 * monotonic clock, {@link System#nanoTime} / 1000). RTP timestamps start at a random value per
 * stream and wrap at 2^32 (RFC 3550 §5.1), so each stream is unwrapped and anchored at the arrival
 * time of its first packet: audio and video then line up by when they arrived, as nothing better
 * (RTCP sender reports) reaches a sink pad. A new SSRC (the source was switched) or a jump far
 * from arrival time re-anchors the stream. One thread per stream.
 */
final class StreamClock {

    /** A timestamp further than this from arrival time is a discontinuity, not jitter. */
    private static final long MAX_DRIFT_US = 10_000_000;

    private final int clockRate;
    private boolean started;
    private int ssrc;
    private long lastRtp;
    private long extended;
    private long anchorExtended;
    private long anchorUs;
    private long lastUs = Long.MIN_VALUE;

    StreamClock(int clockRate) {
        this.clockRate = clockRate;
    }

    /** The time of a frame with RTP timestamp {@code rtp} that arrived at {@code arrivalUs}. */
    long toMicros(long rtp, int streamSsrc, long arrivalUs) {
        rtp &= 0xFFFFFFFFL;
        if (!started || streamSsrc != ssrc) {
            return anchor(rtp, streamSsrc, arrivalUs);
        }
        // Signed 32-bit difference: forward across a wrap, or a little backwards (reordering).
        extended += (int) (rtp - lastRtp);
        lastRtp = rtp;
        long us = anchorUs + (extended - anchorExtended) * 1_000_000L / clockRate;
        if (Math.abs(us - arrivalUs) > MAX_DRIFT_US) {
            return anchor(rtp, streamSsrc, arrivalUs);
        }
        lastUs = Math.max(lastUs, us);
        return us;
    }

    private long anchor(long rtp, int streamSsrc, long arrivalUs) {
        started = true;
        ssrc = streamSsrc;
        lastRtp = rtp;
        extended = rtp;
        anchorExtended = rtp;
        // Never before what this stream already gave: the file drops frames that go back.
        anchorUs = lastUs == Long.MIN_VALUE ? arrivalUs : Math.max(arrivalUs, lastUs + 1);
        lastUs = Math.max(lastUs, anchorUs);
        return anchorUs;
    }

    /** Forgets the stream (a new recording starts). */
    void reset() {
        started = false;
        lastUs = Long.MIN_VALUE;
    }
}
