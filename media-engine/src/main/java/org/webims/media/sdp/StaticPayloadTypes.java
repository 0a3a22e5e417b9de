package org.webims.media.sdp;

import java.util.Optional;

/** The static RTP payload types of RFC 3551 §6 that an SDP may use without a=rtpmap. */
public final class StaticPayloadTypes {

    private StaticPayloadTypes() {
    }

    public static Optional<RtpMap> rtpMap(int payloadType) {
        return Optional.ofNullable(switch (payloadType) {
            case 0 -> RtpMap.of(0, "PCMU", 8000, 1);
            case 3 -> RtpMap.of(3, "GSM", 8000, 1);
            case 4 -> RtpMap.of(4, "G723", 8000, 1);
            case 8 -> RtpMap.of(8, "PCMA", 8000, 1);
            case 9 -> RtpMap.of(9, "G722", 8000, 1);
            case 13 -> RtpMap.of(13, "CN", 8000, 1);
            case 18 -> RtpMap.of(18, "G729", 8000, 1);
            case 26 -> RtpMap.of(26, "JPEG", 90000, 1);
            case 31 -> RtpMap.of(31, "H261", 90000, 1);
            case 34 -> RtpMap.of(34, "H263", 90000, 1);
            default -> null;
        });
    }

    /** The static payload type for an encoding, or -1 (dynamic). */
    public static int payloadTypeOf(String encodingName, int clockRate, int channels) {
        for (int pt = 0; pt < 35; pt++) {
            Optional<RtpMap> m = rtpMap(pt);
            if (m.isPresent() && m.get().encodingName().equalsIgnoreCase(encodingName)
                    && m.get().clockRate() == clockRate && m.get().channels() == channels) {
                return pt;
            }
        }
        return -1;
    }
}
