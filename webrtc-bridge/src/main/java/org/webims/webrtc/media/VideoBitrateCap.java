package org.webims.webrtc.media;

import org.webims.media.pipeline.SinkPad;
import org.webims.webrtc.congestion.SendBitrate;

/**
 * What our video toward the browser may use, told upstream through the video sink pad (the hook
 * REMB always used: a transcoder sets its encoder's target, a relay passes it on as our REMB to
 * the source): the lower of the browser's own limit (REMB, draft-alvestrand-rmcat-remb-03, or
 * TMMBR, RFC 5104 §4.2.1) and our send-side estimate less what our audio uses, when each exists,
 * within the configured {@link SendBitrate}. The estimate covers the whole transport, audio and
 * video (transport-wide sequence numbers), while only the video encoder can follow it.
 *
 * <p>A new estimate is passed on only when it moves the cap by {@link #STEP} or more, or onto
 * one of the bounds: the estimate changes at every feedback (10 a second), and an encoder
 * reconfigured that often gains nothing. A REMB or TMMBR is passed on each time, as before. On the thread that reads the
 * browser's RTCP, and {@link #expire} on the endpoint's timer (hence the lock, taken at RTCP rate); {@link #applied} is read by any.
 */
final class VideoBitrateCap {

    static final double STEP = 0.05;
    /** How fast the audio rate's average forgets: per update, about 1 s of feedback. */
    private static final double AUDIO_WEIGHT = 0.1;

    private final SinkPad videoSink;
    private final SendBitrate bounds;
    private long receiverLimit;  // 0: none
    private long estimate;       // 0: none
    private long lastAudioBytes;
    private long lastAudioNanos = Long.MIN_VALUE;
    private double audioBps;
    private volatile long applied;

    VideoBitrateCap(SinkPad videoSink, SendBitrate bounds) {
        this.videoSink = videoSink;
        this.bounds = bounds;
    }

    /** A REMB or TMMBR from the browser. */
    synchronized void receiverLimit(long bitsPerSecond) {
        receiverLimit = bitsPerSecond;
        push(cap());
    }

    /** A new send-side estimate; {@code audioBytesSent} is our audio's running byte count on the wire. */
    synchronized void estimate(long bitsPerSecond, long audioBytesSent, long nowNanos) {
        if (lastAudioNanos != Long.MIN_VALUE && nowNanos > lastAudioNanos) {
            double bps = (audioBytesSent - lastAudioBytes) * 8e9 / (nowNanos - lastAudioNanos);
            audioBps += AUDIO_WEIGHT * (bps - audioBps);
        }
        lastAudioBytes = audioBytesSent;
        lastAudioNanos = nowNanos;
        estimate = bitsPerSecond;
        long next = cap();
        long last = applied;
        // a step to either bound is always taken: else a cap that climbs in small steps stops short of them
        boolean toBound = next != last && (next == bounds.min() || next == bounds.max());
        if (last == 0 || toBound || Math.abs(next - last) >= STEP * last) {
            push(next);
        }
    }

    private long cap() {
        long cap = Long.MAX_VALUE;
        if (estimate > 0) {
            cap = estimate - (long) audioBps;
        }
        if (receiverLimit > 0) {
            cap = Math.min(cap, receiverLimit);
        }
        return bounds.clamp(cap);
    }

    private void push(long bps) {
        applied = bps;
        videoSink.limitBitrate(bps);
    }

    /**
     * The browser fell silent (no RTCP for the timeout): its limit and the estimate from its feedback
     * no longer hold, and the video's source is told no limit holds (as a released viewer's is).
     * Returns whether there was anything to drop; the next REMB or feedback starts again.
     */
    synchronized boolean expire() {
        if (receiverLimit == 0 && estimate == 0) {
            return false;
        }
        receiverLimit = 0;
        estimate = 0;
        lastAudioNanos = Long.MIN_VALUE;
        audioBps = 0;
        applied = 0;
        videoSink.liftBitrateLimit();
        return true;
    }

    /** The last cap told upstream, bits/s; 0 before any. */
    long applied() { return applied; }
}
