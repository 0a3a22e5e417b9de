package org.webims.media.codec;

import org.webims.media.video.I420Picture;

/**
 * Decodes access units (VP8 frames, H.264 Annex-B access units) into one I420 picture the decoder
 * owns and reuses. Not thread-safe; {@link #close} frees native memory and may be called more
 * than once.
 */
public interface VideoDecoder extends AutoCloseable {

    /** What a call to {@link #decode} did. */
    enum Status {
        /** {@link #picture()} holds the decoded picture. */
        PICTURE,
        /** Accepted, nothing to show yet (e.g. parameter sets only). */
        NO_PICTURE,
        /**
         * The decoder cannot go on from what it has (a corrupt or missing reference, no key frame
         * yet): the caller asks the sender for a key frame (RTCP PLI, RFC 4585 §6.3.1) and the
         * decoder drops delta frames until one arrives.
         */
        KEYFRAME_NEEDED
    }

    /** Decodes one complete access unit; bad bytes give {@link Status#KEYFRAME_NEEDED}, never an exception. */
    Status decode(byte[] data, int offset, int length, long timestamp);

    /** The last decoded picture, valid until the next {@link #decode}. */
    I420Picture picture();

    VideoCodecType codec();

    String implementation();

    @Override
    void close();
}
