package org.webims.media.rtp.payload;

/** Bits of the {@code flags} argument of {@link FrameSink#frame}. */
public final class FrameFlags {

    /** The frame can be decoded alone (VP8 key frame, H.264 IDR). */
    public static final int KEYFRAME = 1;
    /**
     * Media was lost since the previous frame delivered: audio decoders run concealment, video
     * decoders may need a key frame (send PLI/FIR).
     */
    public static final int AFTER_LOSS = 2;

    private FrameFlags() {
    }

    public static boolean isKeyframe(int flags) {
        return (flags & KEYFRAME) != 0;
    }

    public static boolean isAfterLoss(int flags) {
        return (flags & AFTER_LOSS) != 0;
    }
}
