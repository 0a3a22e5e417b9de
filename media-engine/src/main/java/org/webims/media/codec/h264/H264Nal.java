package org.webims.media.codec.h264;

/**
 * Walks an H.264 Annex-B byte stream (ITU-T H.264 Annex B): finds NAL units between start codes
 * and reads the fields the media engine needs from them (NAL type, SPS profile/constraints/level).
 * No allocation: callers iterate with {@link #nextNal}.
 */
public final class H264Nal {

    public static final int TYPE_NON_IDR = 1;
    public static final int TYPE_IDR = 5;
    public static final int TYPE_SEI = 6;
    public static final int TYPE_SPS = 7;
    public static final int TYPE_PPS = 8;

    private H264Nal() {
    }

    /**
     * The offset of the first NAL header byte at or after {@code from} (just past a 3- or 4-byte
     * start code), or -1 when there is none before {@code end}.
     */
    public static int nextNal(byte[] data, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i + 3 < end ? i + 3 : -1;
            }
        }
        return -1;
    }

    /** Where the NAL starting at {@code nalStart} ends (the next start code, or {@code end}). */
    public static int nalEnd(byte[] data, int nalStart, int end) {
        for (int i = nalStart; i + 2 < end; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && (data[i + 2] == 1 || (data[i + 2] == 0 && i + 3 < end && data[i + 3] == 1))) {
                return i;
            }
        }
        return end;
    }

    /** nal_unit_type (H.264 §7.3.1) of the NAL whose header byte is at {@code nalStart}. */
    public static int type(byte[] data, int nalStart) {
        return data[nalStart] & 0x1f;
    }

    /** True when the access unit holds an IDR slice (nal_unit_type 5). */
    public static boolean containsIdr(byte[] data, int offset, int length) {
        return findNal(data, offset, length, TYPE_IDR) >= 0;
    }

    /** True when the access unit holds a coded slice (nal_unit_type 1 or 5). */
    public static boolean containsSlice(byte[] data, int offset, int length) {
        int end = offset + length;
        int nal = nextNal(data, offset, end);
        while (nal >= 0) {
            int type = type(data, nal);
            if (type == TYPE_IDR || type == TYPE_NON_IDR) {
                return true;
            }
            nal = nextNal(data, nal + 1, end);
        }
        return false;
    }

    /** Offset of the first NAL of that type's header byte, or -1. */
    public static int findNal(byte[] data, int offset, int length, int nalType) {
        int end = offset + length;
        int nal = nextNal(data, offset, end);
        while (nal >= 0) {
            if (type(data, nal) == nalType) {
                return nal;
            }
            nal = nextNal(data, nal + 1, end);
        }
        return -1;
    }

    /** profile_idc of an SPS (H.264 §7.3.2.1.1), its header byte at {@code spsStart}. */
    public static int spsProfileIdc(byte[] data, int spsStart) {
        return data[spsStart + 1] & 0xff;
    }

    /** The constraint_set0..5 flags byte of an SPS (bit 7 = constraint_set0_flag). */
    public static int spsConstraintFlags(byte[] data, int spsStart) {
        return data[spsStart + 2] & 0xff;
    }

    /** level_idc of an SPS. */
    public static int spsLevelIdc(byte[] data, int spsStart) {
        return data[spsStart + 3] & 0xff;
    }

    /**
     * True when the SPS declares Constrained Baseline: profile_idc 66 with constraint_set1_flag
     * (H.264 Annex A.2.1.1; RFC 6184's profile-level-id 42e0xx / 42c0xx).
     */
    public static boolean isConstrainedBaseline(byte[] data, int spsStart) {
        return spsProfileIdc(data, spsStart) == 66 && (spsConstraintFlags(data, spsStart) & 0x40) != 0;
    }

    /**
     * Raises level_idc of every SPS in the access unit to {@code levelIdc} where it is lower. A
     * stream within a lower level's limits conforms to every higher level (H.264 §A.3), so this
     * only makes the SPS declare the level agreed in signalling. level_idc is a fixed byte after
     * a non-zero constraint byte, so the rewrite cannot form an emulation-prevention pattern.
     */
    public static void raiseSpsLevel(byte[] data, int offset, int length, int levelIdc) {
        int end = offset + length;
        int nal = nextNal(data, offset, end);
        while (nal >= 0) {
            if (type(data, nal) == TYPE_SPS && nal + 3 < end && spsLevelIdc(data, nal) < levelIdc) {
                data[nal + 3] = (byte) levelIdc;
            }
            nal = nextNal(data, nal + 1, end);
        }
    }
}
