package org.webims.media.transcode;

/**
 * Holds an encoder's output to a downstream limit (REMB, TMMBR, a send-side estimate) by not
 * encoding pictures, as libwebrtc's media optimization does (modules/video_coding/utility/
 * frame_dropper.cc): a leaky bucket filled by the encoded bytes and drained at the target rate in
 * media time (RTP timestamps, 90 kHz), a picture not encoded while it holds more than
 * {@link #BUCKET_MS} of the target. Off until a target is set, so an unlimited stream is untouched.
 *
 * <p>Over any span of T seconds the output is then at most {@code target * (T + BUCKET_MS/1000)}
 * plus the largest single frame: a frame is encoded only while the bucket is at or under the limit.
 */
final class RateFrameDropper {

    /** libwebrtc's kLeakyBucketSizeSeconds: half a second of the target rate rides out the frame sizes' jitter. */
    static final long BUCKET_MS = 500;
    private static final long CLOCK_HZ = 90_000;

    private long targetBps; // 0: no limit in force, never drops
    private long bucketBits;
    private long lastTs;
    private boolean started;
    private long dropped;

    void target(long bitsPerSecond) {
        targetBps = Math.max(0, bitsPerSecond);
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
            long elapsed = (ts - lastTs) & 0xFFFFFFFFL; // RTP timestamps wrap at 2^32
            bucketBits = Math.max(0, bucketBits - Math.min(elapsed, CLOCK_HZ * 10) * targetBps / CLOCK_HZ);
        }
        started = true;
        lastTs = ts;
        if (mustEncode || bucketBits <= targetBps * BUCKET_MS / 1000) {
            return true;
        }
        dropped++;
        return false;
    }

    /** The bytes the encoder made of an admitted picture. */
    void encoded(int bytes) {
        if (targetBps > 0) {
            bucketBits += bytes * 8L;
        }
    }

    long dropped() {
        return dropped;
    }
}
