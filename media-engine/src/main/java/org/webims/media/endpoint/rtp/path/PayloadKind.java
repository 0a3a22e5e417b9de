package org.webims.media.endpoint.rtp.path;

import java.util.Locale;

/** The payload formats the RTP paths treat specially (keyframes, CMR, events); looked up once per negotiation. */
public enum PayloadKind {
    OTHER, VP8, H264, AMR_WB, TELEPHONE_EVENT;

    public static PayloadKind of(String encodingName) {
        return switch (encodingName.toUpperCase(Locale.ROOT)) {
            case "VP8" -> VP8;
            case "H264" -> H264;
            case "AMR-WB" -> AMR_WB;
            case "TELEPHONE-EVENT" -> TELEPHONE_EVENT;
            default -> OTHER;
        };
    }
}
