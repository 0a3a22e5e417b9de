package org.webims.media.endpoint.rtp;

import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;

/** AMR-WB codec modes and their bit rates (3GPP TS 26.201: the speech bits of a 20 ms frame, 50 frames a second). */
final class AmrWbModes {

    private AmrWbModes() {
    }

    /** Bits per second of speech mode 0..8. */
    static long bitrate(int mode) {
        return AmrWbFrameType.bits(mode) * 50L;
    }

    /** The highest mode within {@code bitsPerSecond}, or mode 0 when even that one is above it. */
    static int modeFor(long bitsPerSecond) {
        int best = AmrWbFrameType.MODE_6_60;
        for (int m = AmrWbFrameType.MODE_6_60; m <= AmrWbFrameType.MODE_23_85; m++) {
            if (bitrate(m) <= bitsPerSecond) {
                best = m;
            }
        }
        return best;
    }
}
