package org.webims.media.sdp.bandwidth;

/**
 * The IP, UDP and RTP header bytes on every RTP packet: what b=AS counts beside the payload and
 * b=TIAS leaves out (RFC 3890; TS 26.114 Annex K.2 counts 20 bytes of IPv4 or 40 of IPv6, 8 of UDP, 12 of RTP).
 */
public final class PacketOverhead {

    static final int RTP = 12;
    static final int UDP = 8;
    static final int IPV4 = 20;
    static final int IPV6 = 40;

    private PacketOverhead() {
    }

    /** 40 bytes over IPv4, 60 over IPv6. */
    public static int bytes(boolean ipv6) {
        return lowerLayerBytes(ipv6) + RTP;
    }

    /** The IP and UDP headers alone, which RFC 3550 §6.3.3 counts in an RTCP packet's size: 28 or 48 bytes. */
    public static int lowerLayerBytes(boolean ipv6) {
        return (ipv6 ? IPV6 : IPV4) + UDP;
    }

    /** Whether an SDP address (c= or o=) is IPv6: only IPv6 literals hold a colon. */
    public static boolean isIpv6(String address) {
        return address != null && address.indexOf(':') >= 0;
    }
}
