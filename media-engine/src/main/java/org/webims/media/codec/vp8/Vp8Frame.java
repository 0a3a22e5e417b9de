package org.webims.media.codec.vp8;

/** Reads the uncompressed header at the start of a VP8 frame (RFC 6386 §9.1). */
public final class Vp8Frame {

    private Vp8Frame() {
    }

    /** True when the frame tag's P bit is 0 (a key frame) and the key-frame start code follows. */
    public static boolean isKeyFrame(byte[] data, int offset, int length) {
        return length >= 10 && (data[offset] & 0x01) == 0
                && (data[offset + 3] & 0xff) == 0x9d && (data[offset + 4] & 0xff) == 0x01
                && (data[offset + 5] & 0xff) == 0x2a;
    }

    /** A key frame's width (14 bits, RFC 6386 §9.1); -1 for other frames. */
    public static int keyFrameWidth(byte[] data, int offset, int length) {
        if (!isKeyFrame(data, offset, length)) {
            return -1;
        }
        return ((data[offset + 6] & 0xff) | (data[offset + 7] & 0xff) << 8) & 0x3fff;
    }

    /** A key frame's height; -1 for other frames. */
    public static int keyFrameHeight(byte[] data, int offset, int length) {
        if (!isKeyFrame(data, offset, length)) {
            return -1;
        }
        return ((data[offset + 8] & 0xff) | (data[offset + 9] & 0xff) << 8) & 0x3fff;
    }
}
