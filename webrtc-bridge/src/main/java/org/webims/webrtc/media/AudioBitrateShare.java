package org.webims.webrtc.media;

import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.pipeline.SinkPad;
import org.webims.webrtc.congestion.SendBitrate;

/**
 * What our audio toward the browser may use of the send-side estimate (decision 0066), told
 * upstream through the audio sink pad's bitrate limit, the hook CMR and TMMBR use: a transcoder
 * sets its Opus encoder's target, never above the browser's maxaveragebitrate (RFC 7587 §6.1); a
 * relay's source hears it as any limit. Audio keeps {@link #WANTED} while the estimate leaves the
 * video its minimum ({@link SendBitrate#min}, only while video is being sent) besides the audio
 * and its packets' overhead; below that the audio gives way, down to {@link #FLOOR}, and comes back
 * as the estimate recovers. So audio comes first and video takes what is left
 * ({@link VideoBitrateCap} subtracts the audio rate it measures).
 *
 * <p>A new share is passed on only when it moves by {@link VideoBitrateCap#STEP} or more, or
 * reaches {@link #WANTED} or {@link #FLOOR}. On the thread that reads the browser's RTCP, and
 * {@link #expire} on the endpoint's timer (hence the lock); {@link #applied} is read by any.
 */
final class AudioBitrateShare {

    /** Our Opus encoder's own target, libwebrtc's default for fullband mono speech (kOpusBitrateFbBps). */
    static final long WANTED = OpusEncoder.DEFAULT_BITRATE;
    /**
     * The least audio gets: the top of RFC 7587 §3.1.1's 16-20 kbit/s for wideband speech, where
     * libopus still codes wideband with in-band FEC at the 20 % loss the encoder is told at most; at
     * 16 kbit/s it codes no LBRR at all (measured: OpusLbrrTest, decision 0070). libwebrtc goes down
     * to 6 kbit/s, but its video can fall much lower than our encoder's floor.
     */
    static final long FLOOR = 20_000;
    /** The wire overhead of 50 audio packets a second beside their payload (header, extensions, SRTP tag). */
    static final long OVERHEAD_BPS = RtcpFeedbackHandler.AUDIO_PACKET_OVERHEAD * 8L * 50;
    /** How long after our last video packet the video still counts as sent. */
    private static final long VIDEO_GONE_NANOS = 1_000_000_000L;

    private final SinkPad audioSink;
    private final SendBitrate bounds;
    private long lastVideoPackets;
    private long videoSeenNanos;
    private boolean videoSeen;
    private volatile long applied;

    AudioBitrateShare(SinkPad audioSink, SendBitrate bounds) {
        this.audioSink = audioSink;
        this.bounds = bounds;
    }

    /** A new send-side estimate; {@code videoPacketsSent} is our video's running packet count. */
    synchronized void estimate(long bitsPerSecond, long videoPacketsSent, long nowNanos) {
        if (videoPacketsSent != lastVideoPackets) {
            lastVideoPackets = videoPacketsSent;
            videoSeenNanos = nowNanos;
            videoSeen = true;
        }
        boolean video = videoSeen && nowNanos - videoSeenNanos < VIDEO_GONE_NANOS;
        long next = share(bitsPerSecond, video ? bounds.min() : 0);
        long last = applied;
        // a step to either bound is always taken: else a share that climbs in small steps stops short of them
        boolean toBound = next != last && (next == WANTED || next == FLOOR);
        if (last == 0 || toBound || Math.abs(next - last) >= VideoBitrateCap.STEP * last) {
            applied = next;
            audioSink.limitBitrate(next);
        }
    }

    /** The audio's target out of {@code estimate} when the video needs at least {@code videoMin}. */
    static long share(long estimate, long videoMin) {
        return Math.max(FLOOR, Math.min(WANTED, estimate - videoMin - OVERHEAD_BPS));
    }

    /**
     * The browser fell silent: the estimate its feedback made no longer holds, and our audio's source
     * is told no limit holds (an Opus encoder goes back to its configured rate). Returns whether a share was in force.
     */
    synchronized boolean expire() {
        if (applied == 0) {
            return false;
        }
        applied = 0;
        videoSeen = false;
        audioSink.liftBitrateLimit();
        return true;
    }

    /** The last target told upstream, bits/s; 0 before any. */
    long applied() { return applied; }
}
