package org.webims.media.sdp.negotiation;

import java.util.Map;

/**
 * The VP8 receiver limits of RFC 7741 §6.1: max-fr (frames per second) and max-fs (frame size in
 * 16x16 macroblocks), 0 when not declared. Read from a negotiated send codec, they cap our encoder.
 */
public record Vp8Parameters(int maxFrameRate, int maxFrameSize) {

    public static Vp8Parameters of(Map<String, String> p) {
        return new Vp8Parameters(OpusParameters.number(p.get("max-fr"), 0), OpusParameters.number(p.get("max-fs"), 0));
    }

    /** Whether a frame of this size in pixels is within max-fs. */
    public boolean allowsFrame(int width, int height) {
        return maxFrameSize == 0 || ((width + 15) / 16) * ((height + 15) / 16) <= maxFrameSize;
    }
}
