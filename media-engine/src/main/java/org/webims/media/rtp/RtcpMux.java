package org.webims.media.rtp;

/** Telling RTP from RTCP on one port (rtcp-mux). */
public final class RtcpMux {

    private RtcpMux() {
    }

    /**
     * RFC 5761 §4: a packet whose second octet is 192..223 (RTP marker + payload type 64..95, the
     * range that collides with RTCP packet types 192..223) is RTCP; anything else is RTP.
     */
    public static boolean isRtcp(byte[] bytes, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int pt = bytes[offset + 1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }
}
