package org.webims.media.endpoint.rtp.path;

import org.webims.media.rtp.payload.vp8.Vp8Descriptor;

/** Whether one RTP payload starts a frame that decodes on its own, per payload format. */
public final class Keyframes {

    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private Keyframes() {
    }

    public static boolean isKeyframe(PayloadKind kind, byte[] b, int off, int len) {
        return switch (kind) {
            case VP8 -> Vp8Descriptor.isKeyFrame(b, off, len);
            case H264 -> isH264Keyframe(b, off, len);
            default -> false;
        };
    }

    /**
     * RFC 6184 §5.6-5.8: a single NAL unit, each NAL of a STAP-A, or the first fragment of an
     * FU-A; an IDR slice or an SPS (sent just before one) marks the key frame.
     */
    public static boolean isH264Keyframe(byte[] b, int off, int len) {
        if (len < 1) {
            return false;
        }
        int type = b[off] & 0x1F;
        if (type == NAL_IDR || type == NAL_SPS) {
            return true;
        }
        if (type == FU_A) {
            return len >= 2 && (b[off + 1] & 0x80) != 0 && (b[off + 1] & 0x1F) == NAL_IDR;
        }
        if (type == STAP_A) {
            int p = off + 1;
            int end = off + len;
            while (p + 2 < end) {
                int size = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
                int nal = b[p + 2] & 0x1F;
                if (nal == NAL_IDR || nal == NAL_SPS) {
                    return true;
                }
                p += 2 + size;
            }
        }
        return false;
    }
}
