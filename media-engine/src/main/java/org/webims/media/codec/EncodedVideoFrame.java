package org.webims.media.codec;

/**
 * One encoded access unit (a VP8 frame, or an H.264 access unit in Annex-B byte-stream form with
 * 4-byte start codes) in a caller-owned buffer, reused frame after frame.
 */
public final class EncodedVideoFrame {

    private byte[] data;
    private int length;
    private boolean keyFrame;
    private long timestamp;
    private int width;
    private int height;

    /** @param capacity bytes reserved; an encoder grows it if a frame does not fit (rare: keyframes). */
    public EncodedVideoFrame(int capacity) {
        this.data = new byte[capacity];
    }

    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    /** True for a VP8 key frame / an H.264 access unit with an IDR slice (NAL type 5). */
    public boolean keyFrame() {
        return keyFrame;
    }

    public long timestamp() {
        return timestamp;
    }

    /** Coded picture size. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Makes room for {@code needed} bytes, keeping the first {@code keep}. For encoders. */
    public byte[] ensureCapacity(int needed, int keep) {
        if (needed > data.length) {
            byte[] grown = new byte[Math.max(needed, data.length + data.length / 2)];
            System.arraycopy(data, 0, grown, 0, keep);
            data = grown;
        }
        return data;
    }

    /** Fills in the frame's description after an encoder wrote {@code length} bytes. */
    public void set(int length, boolean keyFrame, long timestamp, int width, int height) {
        this.length = length;
        this.keyFrame = keyFrame;
        this.timestamp = timestamp;
        this.width = width;
        this.height = height;
    }

    public void clear() {
        length = 0;
        keyFrame = false;
    }

    /** Puts an external access unit in this holder (copying it), e.g. one reassembled from RTP. */
    public void copyFrom(byte[] source, int offset, int count, long timestamp) {
        ensureCapacity(count, 0);
        System.arraycopy(source, offset, data, 0, count);
        set(count, false, timestamp, 0, 0);
    }
}
