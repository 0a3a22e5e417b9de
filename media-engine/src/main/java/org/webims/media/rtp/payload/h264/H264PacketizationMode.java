package org.webims.media.rtp.payload.h264;

/** RFC 6184 §6.2, §6.3 (SDP {@code packetization-mode}); mode 2 (interleaved) is not supported. */
public enum H264PacketizationMode {
    /** Single NAL unit packets only. */
    SINGLE_NAL,
    /** Single NAL unit, STAP-A and FU-A packets. */
    NON_INTERLEAVED;

    /** The mode of an SDP {@code packetization-mode} value (absent means 0), or null if unsupported. */
    public static H264PacketizationMode fromSdp(int value) {
        return switch (value) {
            case 0 -> SINGLE_NAL;
            case 1 -> NON_INTERLEAVED;
            default -> null;
        };
    }
}
