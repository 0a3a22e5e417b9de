package org.webims.media.transcode;

/**
 * Holds an encoder's output to a downstream limit (REMB, TMMBR, a send-side estimate) by not
 * encoding pictures, as libwebrtc's media optimization does (modules/video_coding/utility/
 * frame_dropper.cc): a leaky bucket filled by the encoded bytes and drained at the target rate in
 * media time (RTP timestamps, 90 kHz), a picture not encoded while it holds more than
 * {@link #BUCKET_MS} of the target. Off until a target is set, so an unlimited stream is untouched.
 *
 * <p>A key frame does not fill the bucket at once (libwebrtc's FrameDropper::Fill spreads it over
 * the next frames): its bits enter over the following media time, at most at half the target and
 * over at least {@link #SPREAD_MIN_MS}, so the frames after it are thinned rather than all dropped
 * until it is paid for. What a key frame brings beyond {@link #CAP_MS} of the target is forgotten
 * (libwebrtc's kAccumulatorCapBufferSizeSecs), so one huge key frame cannot starve seconds of video.
 *
 * <p>Over any span of T seconds the output is then at most {@code target * (T + BUCKET_MS/1000)}
 * plus the largest single frame plus what of a key frame sent in the span has not yet entered the
 * bucket (none once its spread is over): a frame is encoded only while the bucket is at or under the limit.
 */
final class RateFrameDropper {

    /** libwebrtc's kLeakyBucketSizeSeconds: half a second of the target rate rides out the frame sizes' jitter. */
    static final long BUCKET_MS = 500;
    /** libwebrtc spreads a key frame over half a second of frames (large_frame_accumulation_spread_). */
    static final long SPREAD_MIN_MS = 500;
    /** libwebrtc's kAccumulatorCapBufferSizeSecs: no more than 3 s of the target is owed at once. */
    static final long CAP_MS = 3000;
    private static final long CLOCK_HZ = 90_000;

    private long targetBps; // 0: no limit in force, never drops
    private long bucketBits;
    private long spreadBits; // of key frames, not yet in the bucket
    private long spreadBps;
    private long lastTs;
    private boolean started;
    private long dropped;
    private int run;
    private int longestRun;

    /** The target in bits/s; 0 lifts the limit: nothing is dropped and nothing is owed any more. */
    void target(long bitsPerSecond) {
        targetBps = Math.max(0, bitsPerSecond);
        if (targetBps == 0) {
            bucketBits = 0;
            spreadBits = 0;
            started = false;
        }
    }

    boolean active() {
        return targetBps > 0;
    }

    /**
     * Drains the bucket for the time since the last picture and says whether this one is encoded;
     * {@code mustEncode} (a key frame asked by PLI/FIR) is encoded whatever the bucket holds.
     */
    boolean admit(long ts, boolean mustEncode) {
        if (targetBps == 0) {
            return true;
        }
        if (started) {
            long elapsed = Math.min((ts - lastTs) & 0xFFFFFFFFL, CLOCK_HZ * 10); // RTP timestamps wrap at 2^32
            long in = Math.min(spreadBits, elapsed * spreadBps / CLOCK_HZ);
            spreadBits -= in;
            bucketBits = Math.max(0, bucketBits + in - elapsed * targetBps / CLOCK_HZ);
        }
        started = true;
        lastTs = ts;
        if (mustEncode || bucketBits <= targetBps * BUCKET_MS / 1000) {
            run = 0;
            return true;
        }
        dropped++;
        longestRun = Math.max(longestRun, ++run);
        return false;
    }

    /** The bytes the encoder made of an admitted picture; a key frame's are spread. */
    void encoded(int bytes, boolean keyFrame) {
        if (targetBps == 0) {
            return;
        }
        if (!keyFrame) {
            bucketBits += bytes * 8L;
            return;
        }
        spreadBits = Math.min(spreadBits + bytes * 8L, targetBps * CAP_MS / 1000);
        // over max(SPREAD_MIN_MS, 2 x its length in target time): half the target stays for the frames after it
        spreadBps = Math.max(1, Math.min(spreadBits * 1000 / SPREAD_MIN_MS, targetBps / 2));
    }

    long dropped() {
        return dropped;
    }

    /** The most pictures dropped in a row: how long the video froze at worst. */
    long longestRun() {
        return longestRun;
    }
}
