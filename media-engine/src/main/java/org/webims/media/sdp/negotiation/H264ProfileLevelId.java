package org.webims.media.sdp.negotiation;

import java.util.Locale;
import java.util.Optional;

/**
 * The H.264 profile-level-id (RFC 6184 §8.1): profile_idc, profile-iop and level_idc, with the
 * sub-profile they denote per RFC 6184 Table 5 (42e0, 42c0, 4240, 4d80, 58c0 are all Constrained
 * Baseline; 4200 and 4280 plain Baseline). Level 1b is given as 9 so levels order numerically.
 */
public record H264ProfileLevelId(int profileIdc, int profileIop, Profile profile, int level) {

    /** Level 1b, ordered between 1 (10) and 1.1 (11). */
    public static final int LEVEL_1B = 9;
    /** RFC 6184 §8.1: no profile-level-id means Baseline, level 1 ("42000A"). */
    public static final String DEFAULT = "42000a";

    /** The sub-profiles of RFC 6184 Table 5 (and Constrained High, H.264 (2012) A.2.4.2). */
    public enum Profile {
        CONSTRAINED_BASELINE, BASELINE, MAIN, EXTENDED, HIGH, CONSTRAINED_HIGH, HIGH_10, HIGH_422, HIGH_444,
        HIGH_10_INTRA, HIGH_422_INTRA, HIGH_444_INTRA, CAVLC_444_INTRA
    }

    /** profile_idc, the iop bit pattern ('x' = either) and the sub-profile; first match wins. */
    private static final Object[][] TABLE_5 = {
        {0x42, "x1xx0000", Profile.CONSTRAINED_BASELINE},
        {0x4D, "1xxx0000", Profile.CONSTRAINED_BASELINE},
        {0x58, "11xx0000", Profile.CONSTRAINED_BASELINE},
        {0x42, "x0xx0000", Profile.BASELINE},
        {0x58, "10xx0000", Profile.BASELINE},
        {0x4D, "0x0x0000", Profile.MAIN},
        {0x58, "00xx0000", Profile.EXTENDED},
        {0x64, "00000000", Profile.HIGH},
        {0x64, "00001100", Profile.CONSTRAINED_HIGH},
        {0x6E, "00000000", Profile.HIGH_10},
        {0x7A, "00000000", Profile.HIGH_422},
        {0xF4, "00000000", Profile.HIGH_444},
        {0x6E, "00010000", Profile.HIGH_10_INTRA},
        {0x7A, "00010000", Profile.HIGH_422_INTRA},
        {0xF4, "00010000", Profile.HIGH_444_INTRA},
        {0x2C, "00010000", Profile.CAVLC_444_INTRA},
    };

    /** The parsed value, or empty when it is not 6 hex digits or names no known sub-profile. */
    public static Optional<H264ProfileLevelId> parse(String hex) {
        if (hex == null || hex.length() != 6 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        int idc = Integer.parseInt(hex.substring(0, 2), 16);
        int iop = Integer.parseInt(hex.substring(2, 4), 16);
        int levelIdc = Integer.parseInt(hex.substring(4, 6), 16);
        Profile profile = null;
        for (Object[] row : TABLE_5) {
            if ((int) row[0] == idc && matches((String) row[1], iop)) {
                profile = (Profile) row[2];
                break;
            }
        }
        if (profile == null) {
            return Optional.empty();
        }
        // RFC 6184 §8.1: level_idc 11 with constraint_set3_flag in Baseline, Main, Extended means level 1b
        boolean oldProfile = idc == 0x42 || idc == 0x4D || idc == 0x58;
        int level = levelIdc == 11 && oldProfile && (iop & 0x10) != 0 ? LEVEL_1B : levelIdc;
        return Optional.of(new H264ProfileLevelId(idc, iop, profile, level));
    }

    private static boolean matches(String pattern, int iop) {
        for (int i = 0; i < 8; i++) {
            char p = pattern.charAt(i);
            int bit = (iop >> (7 - i)) & 1;
            if (p != 'x' && bit != p - '0') {
                return false;
            }
        }
        return true;
    }

    /** constraint_set{n}_flag, n = 0..5 (bit 7 - n of profile-iop). */
    public boolean constraintSet(int n) {
        return (profileIop & (0x80 >>> n)) != 0;
    }

    /** Constrained Baseline (RFC 6184 Table 5): the profile WebRTC and IMS video agree on. */
    public boolean isConstrainedBaseline() {
        return profile == Profile.CONSTRAINED_BASELINE;
    }

    /** The same profile bytes with another level, encoded as RFC 6184 §8.1 asks (1b included). */
    public H264ProfileLevelId withLevel(int newLevel) {
        return new H264ProfileLevelId(profileIdc, profileIop, profile, newLevel);
    }

    /** Six lower-case hex digits. */
    public String hex() {
        boolean oldProfile = profileIdc == 0x42 || profileIdc == 0x4D || profileIdc == 0x58;
        int iop = profileIop;
        int levelIdc = level;
        if (oldProfile) {
            iop &= ~0x10;
            if (level == LEVEL_1B) {
                iop |= 0x10;
                levelIdc = 11;
            }
        }
        return String.format(Locale.ROOT, "%02x%02x%02x", profileIdc, iop, levelIdc);
    }
}
