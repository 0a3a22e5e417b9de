package org.webims.media.codec.h264;

/**
 * H.264 levels and their limits (ITU-T H.264 Table A-1): macroblocks per second, per frame, and
 * the Baseline-profile bitrate ceiling. Used to fit a picture size and bitrate under the level a
 * peer declared in its profile-level-id (RFC 6184 §8.1).
 */
public enum H264Level {
    L1_0(10, 1_485, 99, 64),
    L1_1(11, 3_000, 396, 192),
    L1_2(12, 6_000, 396, 384),
    L1_3(13, 11_880, 396, 768),
    L2_0(20, 11_880, 396, 2_000),
    L2_1(21, 19_800, 792, 4_000),
    L2_2(22, 20_250, 1_620, 4_000),
    L3_0(30, 40_500, 1_620, 10_000),
    L3_1(31, 108_000, 3_600, 14_000),
    L3_2(32, 216_000, 5_120, 20_000),
    L4_0(40, 245_760, 8_192, 20_000),
    L4_1(41, 245_760, 8_192, 50_000),
    L4_2(42, 522_240, 8_704, 50_000),
    L5_0(50, 589_824, 22_080, 135_000),
    L5_1(51, 983_040, 36_864, 240_000),
    L5_2(52, 2_073_600, 36_864, 240_000);

    private final int levelIdc;
    private final int maxMacroblocksPerSecond;
    private final int maxFrameMacroblocks;
    private final int maxKbps;

    H264Level(int levelIdc, int maxMbps, int maxFs, int maxKbps) {
        this.levelIdc = levelIdc;
        this.maxMacroblocksPerSecond = maxMbps;
        this.maxFrameMacroblocks = maxFs;
        this.maxKbps = maxKbps;
    }

    /** The level for a level_idc value (level 1b, level_idc 9, is not offered). */
    public static H264Level of(int levelIdc) {
        for (H264Level level : values()) {
            if (level.levelIdc == levelIdc) {
                return level;
            }
        }
        throw new IllegalArgumentException("H.264 level_idc " + levelIdc + " is not in Table A-1");
    }

    public int levelIdc() {
        return levelIdc;
    }

    public int maxFrameMacroblocks() {
        return maxFrameMacroblocks;
    }

    public int maxMacroblocksPerSecond() {
        return maxMacroblocksPerSecond;
    }

    /** MaxBR in bit/s for Baseline (Table A-1 in units of 1000 bits/s for the VCL). */
    public int maxBitrateBps() {
        return maxKbps * 1000;
    }

    /** True when this level can carry pictures of that size at that rate. */
    public boolean fits(int width, int height, int fps) {
        long mbs = macroblocks(width) * (long) macroblocks(height);
        // Annex A.3.1: frame width and height in MBs are each at most sqrt(8 * MaxFS)
        long side = (long) Math.sqrt(8.0 * maxFrameMacroblocks);
        return mbs <= maxFrameMacroblocks && mbs * fps <= maxMacroblocksPerSecond
                && macroblocks(width) <= side && macroblocks(height) <= side;
    }

    /**
     * The largest size of the same aspect ratio (even sides) that fits this level at that rate;
     * the size itself when it fits.
     */
    public int[] fit(int width, int height, int fps) {
        if (fits(width, height, fps)) {
            return new int[] {width, height};
        }
        double scale = Math.min(1.0, Math.sqrt(Math.min(
                maxFrameMacroblocks * 256.0 / ((double) width * height),
                maxMacroblocksPerSecond * 256.0 / ((double) width * height * fps))));
        while (scale > 0.01) {
            int w = (int) (width * scale) & ~1;
            int h = (int) (height * scale) & ~1;
            if (w >= 16 && h >= 16 && fits(w, h, fps)) {
                return new int[] {w, h};
            }
            scale *= 0.98;
        }
        throw new IllegalArgumentException("no size of aspect " + width + ":" + height + " fits level "
                + levelIdc + " at " + fps + " fps");
    }

    private static int macroblocks(int pixels) {
        return (pixels + 15) / 16;
    }
}
