package org.webims.media.rtp.payload;

/** Receives the frames a {@link Depacketizer} produces; the bytes are valid only during the call. */
@FunctionalInterface
public interface FrameSink {

    /**
     * @param rtpTimestamp the frame's RTP timestamp (unsigned 32 bits)
     * @param flags        {@link FrameFlags} bits
     */
    void frame(byte[] buffer, int offset, int length, long rtpTimestamp, int flags);
}
