package org.webims.media.rtp.payload.h264;

import java.util.Optional;

/**
 * The SDP {@code profile-level-id} (RFC 6184 §8.1): profile_idc, the constraint flags byte
 * (profile-iop) and level_idc, as six hex digits such as {@code 42e01f}.
 */
public record H264ProfileLevelId(int profileIdc, int profileIop, int levelIdc) {

    public static final int PROFILE_BASELINE = 0x42;
    public static final int PROFILE_MAIN = 0x4D;
    public static final int PROFILE_EXTENDED = 0x58;
    public static final int PROFILE_HIGH = 0x64;

    /** RFC 6184 §8.1: absent profile-level-id means Baseline level 1.0. */
    public static final H264ProfileLevelId DEFAULT = new H264ProfileLevelId(PROFILE_BASELINE, 0, 10);

    public H264ProfileLevelId {
        if ((profileIdc | profileIop | levelIdc) >>> 8 != 0) {
            throw new IllegalArgumentException("each field is one byte");
        }
    }

    /** Parses six hex digits (any case); empty if the text is not that. */
    public static Optional<H264ProfileLevelId> parse(String text) {
        if (text == null || text.length() != 6) {
            return Optional.empty();
        }
        int value = 0;
        for (int i = 0; i < 6; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return Optional.empty();
            }
            value = (value << 4) | digit;
        }
        return Optional.of(new H264ProfileLevelId(value >>> 16, (value >>> 8) & 0xFF, value & 0xFF));
    }

    /** Six lower-case hex digits. */
    public String format() {
        return String.format("%02x%02x%02x", profileIdc, profileIop, levelIdc);
    }

    /** constraint_set{n}_flag, n = 0..5 (bit 7 - n of profile-iop). */
    public boolean constraintSet(int n) {
        return (profileIop & (0x80 >>> n)) != 0;
    }

    /**
     * Constrained Baseline (RFC 6184 Table 5): Baseline with constraint_set1, Main with
     * constraint_set0, or Extended with constraint_set0 and constraint_set1.
     */
    public boolean isConstrainedBaseline() {
        return switch (profileIdc) {
            case PROFILE_BASELINE -> constraintSet(1);
            case PROFILE_MAIN -> constraintSet(0);
            case PROFILE_EXTENDED -> constraintSet(0) && constraintSet(1);
            default -> false;
        };
    }

    /** Level 1b: level_idc 11 with constraint_set3 in Baseline/Main/Extended, or level_idc 9. */
    public boolean isLevel1b() {
        if (levelIdc == 9) {
            return true;
        }
        boolean bme = profileIdc == PROFILE_BASELINE || profileIdc == PROFILE_MAIN || profileIdc == PROFILE_EXTENDED;
        return bme && levelIdc == 11 && constraintSet(3);
    }

    @Override
    public String toString() {
        return format();
    }
}
