package org.webims.media.rtp.payload.vp8;

/**
 * The VP8 payload descriptor (RFC 7741 §4.2), read from or written to the start of an RTP payload.
 * A reusable holder: {@link #parse} fills the fields, {@link #write} writes them.
 */
public final class Vp8Descriptor {

    /** X..K absent: 1 byte; the largest form (X, 15-bit PictureID, L, T/K) is 6 bytes. */
    public static final int MAX_LENGTH = 6;

    public boolean nonReference;
    public boolean startOfPartition;
    public int partitionIndex;
    /** -1 if absent. */
    public int pictureId = -1;
    /** Write the PictureID in the 15-bit form (M=1); set by parse. */
    public boolean longPictureId = true;
    /** -1 if absent. */
    public int tl0PicIdx = -1;
    /** -1 if absent. */
    public int temporalLayer = -1;
    public boolean layerSync;
    /** -1 if absent. */
    public int keyIndex = -1;
    /** Bytes of the descriptor parsed or to be written. */
    private int length;

    public void clear() {
        nonReference = false;
        startOfPartition = false;
        partitionIndex = 0;
        pictureId = -1;
        longPictureId = true;
        tl0PicIdx = -1;
        temporalLayer = -1;
        layerSync = false;
        keyIndex = -1;
        length = 0;
    }

    public int length() {
        return length;
    }

    /** Parses the descriptor; false if the payload is too short for it or has no data after it. */
    public boolean parse(byte[] b, int offset, int len) {
        clear();
        if (len < 2) {
            return false;
        }
        int p = offset;
        int end = offset + len;
        int b0 = b[p++] & 0xFF;
        nonReference = (b0 & 0x20) != 0;
        startOfPartition = (b0 & 0x10) != 0;
        partitionIndex = b0 & 0x07;
        if ((b0 & 0x80) != 0) { // X: extension byte I L T K
            int x = b[p++] & 0xFF;
            if ((x & 0x80) != 0) { // I: PictureID
                if (p >= end) {
                    return false;
                }
                int m = b[p++] & 0xFF;
                if ((m & 0x80) != 0) {
                    if (p >= end) {
                        return false;
                    }
                    pictureId = ((m & 0x7F) << 8) | (b[p++] & 0xFF);
                    longPictureId = true;
                } else {
                    pictureId = m;
                    longPictureId = false;
                }
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                if (p >= end) {
                    return false;
                }
                tl0PicIdx = b[p++] & 0xFF;
            }
            if ((x & 0x30) != 0) { // T or K: TID Y KEYIDX
                if (p >= end) {
                    return false;
                }
                int t = b[p++] & 0xFF;
                if ((x & 0x20) != 0) {
                    temporalLayer = t >>> 6;
                    layerSync = (t & 0x20) != 0;
                }
                if ((x & 0x10) != 0) {
                    keyIndex = t & 0x1F;
                }
            }
        }
        if (p >= end) {
            return false; // RFC 7741 §4.2: a payload carries at least one byte of VP8 data
        }
        length = p - offset;
        return true;
    }

    /** Bytes {@link #write} produces for the current fields. */
    public int writtenLength() {
        int n = 1;
        boolean x = pictureId >= 0 || tl0PicIdx >= 0 || temporalLayer >= 0 || keyIndex >= 0;
        if (x) {
            n++;
            if (pictureId >= 0) {
                n += longPictureId ? 2 : 1;
            }
            if (tl0PicIdx >= 0) {
                n++;
            }
            if (temporalLayer >= 0 || keyIndex >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Writes the descriptor at {@code out[offset]}; returns its length. */
    public int write(byte[] out, int offset) {
        int p = offset;
        boolean x = pictureId >= 0 || tl0PicIdx >= 0 || temporalLayer >= 0 || keyIndex >= 0;
        out[p++] = (byte) ((x ? 0x80 : 0) | (nonReference ? 0x20 : 0) | (startOfPartition ? 0x10 : 0)
                | (partitionIndex & 0x07));
        if (x) {
            boolean t = temporalLayer >= 0;
            boolean k = keyIndex >= 0;
            out[p++] = (byte) ((pictureId >= 0 ? 0x80 : 0) | (tl0PicIdx >= 0 ? 0x40 : 0) | (t ? 0x20 : 0)
                    | (k ? 0x10 : 0));
            if (pictureId >= 0) {
                if (longPictureId) {
                    out[p++] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
                    out[p++] = (byte) pictureId;
                } else {
                    out[p++] = (byte) (pictureId & 0x7F);
                }
            }
            if (tl0PicIdx >= 0) {
                out[p++] = (byte) tl0PicIdx;
            }
            if (t || k) {
                out[p++] = (byte) ((t ? (temporalLayer & 3) << 6 : 0) | (layerSync ? 0x20 : 0) | (k ? keyIndex & 0x1F : 0));
            }
        }
        length = p - offset;
        return length;
    }

    /**
     * Whether a payload starting a frame (S=1, PID=0) holds a key frame: the P bit of the VP8
     * payload header (RFC 7741 §4.3; RFC 6386 §9.1) is 0.
     */
    public static boolean isKeyFrame(byte[] payload, int offset, int length) {
        int p = offset;
        int end = offset + length;
        if (length < 2) {
            return false;
        }
        int b0 = payload[p++] & 0xFF;
        if ((b0 & 0x10) == 0 || (b0 & 0x07) != 0) {
            return false;
        }
        if ((b0 & 0x80) != 0) {
            int x = payload[p++] & 0xFF;
            if ((x & 0x80) != 0) {
                if (p >= end) { // PictureID length depends on its M bit
                    return false;
                }
                p += (payload[p] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                p++;
            }
            if ((x & 0x30) != 0) {
                p++;
            }
        }
        return p < end && (payload[p] & 0x01) == 0;
    }
}
