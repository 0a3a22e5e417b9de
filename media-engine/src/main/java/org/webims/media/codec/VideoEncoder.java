package org.webims.media.codec;

import org.webims.media.video.I420Picture;

/**
 * Encodes I420 pictures, one access unit per picture, into a caller-owned
 * {@link EncodedVideoFrame}. Realtime: no look-ahead, no B-frames, no frame held back.
 * Not thread-safe (one stream, one thread); {@link #close} frees the native encoder and may be
 * called more than once.
 */
public interface VideoEncoder extends AutoCloseable {

    /**
     * Encodes one picture. A picture of another size than the encoder's is scaled first (see
     * {@link #width()}).
     *
     * @return false when the encoder produced nothing for this picture (rate control skipped it);
     *     {@code out} is then cleared
     */
    boolean encode(I420Picture picture, EncodedVideoFrame out) throws VideoCodecException;

    /** The next picture is encoded as a key frame (VP8 key frame / H.264 IDR): for RTCP PLI and FIR. */
    void requestKeyFrame();

    /** Changes the target bitrate from the next picture on (RTCP REMB / TMMBR). */
    void setTargetBitrate(int bitsPerSecond) throws VideoCodecException;

    int targetBitrate();

    /** Coded size, which may be smaller than the configured one when an H.264 level demands it. */
    int width();

    int height();

    VideoCodecType codec();

    /** Which implementation encodes, for logs and benchmarks (e.g. "system libvpx 1.12"). */
    String implementation();

    @Override
    void close();
}
