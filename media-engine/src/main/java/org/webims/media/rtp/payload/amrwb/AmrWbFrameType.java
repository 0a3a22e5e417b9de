package org.webims.media.rtp.payload.amrwb;

/**
 * AMR-WB frame types (RFC 4867 §4.3.2 table; 3GPP TS 26.201): modes 0..8, SID, speech lost and
 * no data, with their class A+B+C bit counts.
 */
public final class AmrWbFrameType {

    public static final int MODE_6_60 = 0;
    public static final int MODE_23_85 = 8;
    public static final int SID = 9;
    public static final int SPEECH_LOST = 14;
    public static final int NO_DATA = 15;
    /** CMR value meaning "no mode request" (§4.3.1). */
    public static final int NO_REQUEST = 15;
    /** Modes 0..8 all allowed. */
    public static final int ALL_MODES = 0x1FF;
    /** Samples per 20 ms frame at the 16 kHz RTP clock (§4.1). */
    public static final int SAMPLES_PER_FRAME = 320;

    // TS 26.201 table: 6.60, 8.85, 12.65, 14.25, 15.85, 18.25, 19.85, 23.05, 23.85 kbit/s, SID;
    // 10..13 reserved (-1); 14 speech lost and 15 no data carry no bits.
    private static final int[] BITS = {132, 177, 253, 285, 317, 365, 397, 461, 477, 40, -1, -1, -1, -1, 0, 0};

    private AmrWbFrameType() {
    }

    /** Whether {@code ft} is a frame type AMR-WB defines (not 10..13). */
    public static boolean isValid(int ft) {
        return ft >= 0 && ft < 16 && BITS[ft] >= 0;
    }

    public static boolean isSpeech(int ft) {
        return ft >= 0 && ft <= MODE_23_85;
    }

    /** Speech bits of frame type {@code ft}, or -1 for a reserved type. */
    public static int bits(int ft) {
        return isValid(ft) ? BITS[ft] : -1;
    }

    /** Octets of the octet-aligned speech data of frame type {@code ft}. */
    public static int octets(int ft) {
        return (bits(ft) + 7) >>> 3;
    }

    /** Whether {@code ft} may be sent/received under {@code modeSet} (bit n = mode n allowed). */
    public static boolean allowed(int ft, int modeSet) {
        return !isSpeech(ft) || (modeSet & (1 << ft)) != 0;
    }

    /** The RFC 4867 §5.3 storage format header octet. */
    public static int storageHeader(int ft, boolean good) {
        return (ft << 3) | (good ? 0x04 : 0);
    }
}
