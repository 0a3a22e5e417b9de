package org.webims.interworking.peers;

import java.util.Random;

/** Plain RTP packets as test phones send them (RFC 3550 §5.1 header, no CSRC, no extension). */
public final class RtpPackets {
    private RtpPackets() {
    }

    /** Writes the 12-byte RTP header into {@code p[0..12)}. */
    public static void header(byte[] p, int payloadType, int sequence, long timestamp, int ssrc) {
        p[0] = (byte) 0x80;
        p[1] = (byte) payloadType;
        p[2] = (byte) (sequence >> 8);
        p[3] = (byte) sequence;
        p[4] = (byte) (timestamp >> 24);
        p[5] = (byte) (timestamp >> 16);
        p[6] = (byte) (timestamp >> 8);
        p[7] = (byte) timestamp;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
    }

    /** Bytes of an octet-aligned AMR-WB packet of one 12.65 kbit/s frame: header, CMR, ToC, 32 frame bytes. */
    public static final int AMR_WB_PACKET = 12 + 2 + 32;

    /**
     * An octet-aligned AMR-WB payload after the header (RFC 4867 §4.4): no mode request, one good
     * mode-2 frame (253 bits in 32 bytes) of {@code bits}; any bit pattern is a decodable frame.
     */
    public static void amrWbPayload(byte[] p, Random bits) {
        p[12] = (byte) 0xF0; // CMR 15: no mode request (§4.4.2)
        p[13] = (byte) 0x14; // ToC: F=0, FT=2, Q=1
        for (int b = 14; b < AMR_WB_PACKET; b++) {
            p[b] = (byte) bits.nextInt(256);
        }
    }

    /** The AMR-WB payload type of {@code sdp} in the octet-aligned layout (RFC 4867 §8.1: fmtp octet-align=1). */
    public static int octetAlignedAmrWb(String sdp) {
        java.util.regex.Matcher amrWb = java.util.regex.Pattern.compile("a=rtpmap:(\\d+) AMR-WB/16000").matcher(sdp);
        while (amrWb.find()) {
            if (java.util.regex.Pattern.compile("a=fmtp:" + amrWb.group(1) + " [^\\r\\n]*octet-align=1").matcher(sdp).find()) {
                return Integer.parseInt(amrWb.group(1));
            }
        }
        throw new AssertionError("no octet-aligned AMR-WB in " + sdp);
    }
}
