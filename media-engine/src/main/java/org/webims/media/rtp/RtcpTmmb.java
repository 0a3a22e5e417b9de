package org.webims.media.rtp;

/**
 * View of TMMBR or TMMBN (RFC 5104 §4.2.1, §4.2.2): FCI entries of SSRC, maximum total media bit
 * rate (6-bit exponent, 17-bit mantissa) and measured overhead (9 bits).
 */
public final class RtcpTmmb extends RtcpFeedback {

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.RTPFB
                && (count == RtcpPacketType.FMT_TMMBR || count == RtcpPacketType.FMT_TMMBN);
    }

    @Override
    protected boolean validateFci() {
        // TMMBN may be empty (§4.2.2.1); TMMBR needs one entry
        if (fciLength() % 8 != 0 || (isRequest() && fciLength() == 0)) {
            return fail(RtcpFault.BAD_FCI);
        }
        return true;
    }

    public boolean isRequest() {
        return fmt() == RtcpPacketType.FMT_TMMBR;
    }

    public int entryCount() {
        return fciLength() / 8;
    }

    public int ssrc(int i) {
        return RtcpBytes.i32(buf, fciOffset() + 8 * i);
    }

    /** Maximum total media bit rate in bits per second. */
    public long bitrate(int i) {
        int word = RtcpBytes.i32(buf, fciOffset() + 8 * i + 4);
        int exp = word >>> 26;
        long mantissa = (word >>> 9) & 0x1FFFF;
        return exp > 46 ? Long.MAX_VALUE : mantissa << exp;
    }

    public int overhead(int i) {
        return RtcpBytes.i32(buf, fciOffset() + 8 * i + 4) & 0x1FF;
    }
}
