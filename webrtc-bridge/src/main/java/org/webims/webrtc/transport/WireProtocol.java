package org.webims.webrtc.transport;

/** What a datagram on the bundled port carries, by its first byte (RFC 7983 §7). */
public enum WireProtocol {
    STUN, DTLS, RTP, UNKNOWN;

    /** RFC 7983 §7: 0..3 STUN, 20..63 DTLS, 128..191 RTP/RTCP; ZRTP and TURN channels are not ours. */
    public static WireProtocol of(byte first) {
        int b = first & 0xff;
        if (b <= 3) {
            return STUN;
        }
        if (b >= 20 && b <= 63) {
            return DTLS;
        }
        if (b >= 128 && b <= 191) {
            return RTP;
        }
        return UNKNOWN;
    }
}
