package org.webims.media.rtp.payload.amrwb;

import org.webims.media.codec.amrwb.AmrWbFrames;

/**
 * AMR-WB frame types as the RTP payload format sees them (RFC 4867 §4.3.2): which may be sent
 * under a mode-set, CMR values. The TS 26.201 bit table itself is the codec's
 * ({@link AmrWbFrames}); this class only asks it.
 */
public final class AmrWbFrameType {

    public static final int MODE_6_60 = 0;
    public static final int MODE_23_85 = 8;
    public static final int SID = AmrWbFrames.FT_SID;
    public static final int SPEECH_LOST = AmrWbFrames.FT_SPEECH_LOST;
    public static final int NO_DATA = AmrWbFrames.FT_NO_DATA;
    /** CMR value meaning "no mode request" (§4.3.1). */
    public static final int NO_REQUEST = 15;
    /** Modes 0..8 all allowed. */
    public static final int ALL_MODES = 0x1FF;
    /** Samples per 20 ms frame at the 16 kHz RTP clock (§4.1). */
    public static final int SAMPLES_PER_FRAME = AmrWbFrames.FRAME_SAMPLES;

    private AmrWbFrameType() {
    }

    /** Whether {@code ft} is a frame type AMR-WB defines (not 10..13). */
    public static boolean isValid(int ft) {
        return ft >= 0 && ft < 16 && AmrWbFrames.frameBits(ft) >= 0;
    }

    public static boolean isSpeech(int ft) {
        return ft >= 0 && ft <= MODE_23_85;
    }

    /** Speech bits of frame type {@code ft}, or -1 for a reserved type. */
    public static int bits(int ft) {
        return isValid(ft) ? AmrWbFrames.frameBits(ft) : -1;
    }

    /** Octets of the octet-aligned speech data of frame type {@code ft}. */
    public static int octets(int ft) {
        return (bits(ft) + 7) >>> 3;
    }

    /**
     * RFC 4867 §8.1 {@code mode-set} (its fmtp value, or null): the modes the receiver takes, as a bit
     * set (bit n = mode n); absent (or nothing usable in it) means all modes.
     */
    public static int modeSet(String value) {
        if (value == null) {
            return ALL_MODES;
        }
        int set = 0;
        for (String part : value.split(",")) {
            try {
                int mode = Integer.parseInt(part.trim());
                if (mode >= MODE_6_60 && mode <= MODE_23_85) {
                    set |= 1 << mode;
                }
            } catch (NumberFormatException ignored) {
                // a bad entry is skipped; the rest of the set still counts
            }
        }
        return set == 0 ? ALL_MODES : set;
    }

    /** The highest mode of a {@link #modeSet} bit set. */
    public static int highestMode(int modeSet) {
        return 31 - Integer.numberOfLeadingZeros(modeSet);
    }

    /** Whether {@code ft} may be sent/received under {@code modeSet} (bit n = mode n allowed). */
    public static boolean allowed(int ft, int modeSet) {
        return !isSpeech(ft) || (modeSet & (1 << ft)) != 0;
    }

    /** The RFC 4867 §5.3 storage format header octet. */
    public static int storageHeader(int ft, boolean good) {
        return AmrWbFrames.header(ft, good) & 0xff;
    }
}
