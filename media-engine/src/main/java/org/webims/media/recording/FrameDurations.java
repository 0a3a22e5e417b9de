package org.webims.media.recording;

/** How long an encoded audio frame lasts, read from its own header bytes. */
final class FrameDurations {

    // RFC 6716 §3.1: frame sizes in µs by the low two bits of the config (SILK, then CELT).
    private static final int[] SILK_US = {10_000, 20_000, 40_000, 60_000};
    private static final int[] CELT_US = {2_500, 5_000, 10_000, 20_000};
    // RFC 4867 §5.3 / 3GPP TS 26.201: AMR-WB speech bytes per frame type 0..9 (9 is SID).
    private static final int[] AMR_WB_BYTES = {17, 23, 32, 36, 40, 46, 50, 58, 60, 5};

    private FrameDurations() {
    }

    /** An Opus packet's duration from its TOC byte (RFC 6716 §3.1), or 20 ms if unreadable. */
    static long opusUs(byte[] data, int offset, int length) {
        if (length < 1) {
            return 20_000;
        }
        int toc = data[offset] & 0xff;
        int config = toc >> 3;
        long frameUs;
        if (config < 12) {
            frameUs = SILK_US[config & 3];
        } else if (config < 16) {
            frameUs = (config & 1) == 0 ? 10_000 : 20_000;
        } else {
            frameUs = CELT_US[config & 3];
        }
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> length >= 2 ? data[offset + 1] & 0x3f : 1;
        };
        return frameUs * Math.max(1, frames);
    }

    /** AMR-WB storage-format frames in the buffer (each 20 ms; RFC 4867 §5.3), at least one. */
    static long amrWbUs(byte[] data, int offset, int length) {
        int frames = 0;
        int p = offset;
        int end = offset + length;
        while (p < end) {
            int ft = (data[p] >> 3) & 0x0f;
            p += 1 + (ft < AMR_WB_BYTES.length ? AMR_WB_BYTES[ft] : 0);
            frames++;
        }
        return 20_000L * Math.max(1, frames);
    }
}
