package org.webims.media.codec.amrwb;

/**
 * The AMR-WB frame format our AMR-WB encoders produce and decoders take: the storage format of
 * RFC 4867 §5.3 (also called "IF"/MIME storage): one header octet {@code P FT(4) Q P P}, then the
 * frame's speech bits (class A, B, C in order of TS 26.201), zero-padded to an octet. The RTP
 * payload formats (octet-aligned and bandwidth-efficient, RFC 4867 §4.3–4.4) are built from it.
 */
public final class AmrWbFrames {

    /** Frame type of the SID (comfort noise) frame (TS 26.201 Table 1a). */
    public static final int FT_SID = 9;
    /** Frame type "speech lost" (TS 26.201 Table 1a). */
    public static final int FT_SPEECH_LOST = 14;
    /** Frame type NO_DATA: nothing sent for this frame (DTX pause or lost). */
    public static final int FT_NO_DATA = 15;
    /** Speech modes 0..8. */
    public static final int MODE_COUNT = 9;
    /** Longest storage frame: mode 8 (23.85 kbit/s), 1 + 60 bytes. */
    public static final int MAX_FRAME_BYTES = 61;
    public static final int SAMPLE_RATE = 16_000;
    public static final int FRAME_SAMPLES = 320;

    /** Bit rate of each mode 0..8 in bit/s (TS 26.201 Table 1a). */
    private static final int[] MODE_BITRATE = {6600, 8850, 12650, 14250, 15850, 18250, 19850, 23050, 23850};
    /** Speech bits per frame type 0..15 (TS 26.201 Table 1a; SID 40 bits; 10..13 reserved; 14, 15 none). */
    private static final int[] FRAME_BITS = {132, 177, 253, 285, 317, 365, 397, 461, 477, 40, -1, -1, -1, -1, 0, 0};

    private AmrWbFrames() {
    }

    /** The header octet's frame type (bits 1..4 of the storage header, RFC 4867 §5.3). */
    public static int frameType(byte header) {
        return (header >> 3) & 0x0F;
    }

    /** The header octet's Q bit: false marks a damaged frame (RFC 4867 §4.3.2). */
    public static boolean quality(byte header) {
        return (header & 0x04) != 0;
    }

    /** A storage header octet for this frame type and quality. */
    public static byte header(int frameType, boolean quality) {
        return (byte) ((frameType << 3) | (quality ? 0x04 : 0));
    }

    /** Speech bits in a frame of this type, or -1 for reserved types 10..13. */
    public static int frameBits(int frameType) {
        return FRAME_BITS[frameType & 0x0F];
    }

    /** Bytes of a storage-format frame of this type, header included, or -1 for reserved types. */
    public static int storageFrameBytes(int frameType) {
        int bits = frameBits(frameType);
        return bits < 0 ? -1 : 1 + (bits + 7) / 8;
    }

    /** Bit rate of a speech mode 0..8. */
    public static int modeBitrate(int mode) {
        checkMode(mode);
        return MODE_BITRATE[mode];
    }

    /** The highest mode whose bit rate is at most {@code bitsPerSecond} (mode 0 below 6.6 kbit/s). */
    public static int modeForBitrate(int bitsPerSecond) {
        int mode = 0;
        for (int m = 0; m < MODE_COUNT; m++) {
            if (MODE_BITRATE[m] <= bitsPerSecond) {
                mode = m;
            }
        }
        return mode;
    }

    static void checkMode(int mode) {
        if (mode < 0 || mode >= MODE_COUNT) {
            throw new IllegalArgumentException("AMR-WB mode must be 0..8, got " + mode);
        }
    }
}
