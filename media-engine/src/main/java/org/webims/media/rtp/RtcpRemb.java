package org.webims.media.rtp;

/**
 * View of a Receiver Estimated Maximum Bitrate message (draft-alvestrand-rmcat-remb-03 §2.2): PSFB
 * AFB with identifier "REMB", 6-bit exponent, 18-bit mantissa and the SSRCs it applies to.
 */
public final class RtcpRemb extends RtcpFeedback {

    /** "REMB" in ASCII. */
    static final int IDENTIFIER = 0x52454D42;

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.PSFB && count == RtcpPacketType.FMT_AFB;
    }

    @Override
    protected boolean validateFci() {
        if (fciLength() < 8 || RtcpBytes.i32(buf, fciOffset()) != IDENTIFIER) {
            return fail(RtcpFault.BAD_FCI);
        }
        if (8 + 4 * ssrcCount() > fciLength()) {
            return fail(RtcpFault.BAD_FCI);
        }
        return true;
    }

    public int ssrcCount() {
        return buf[fciOffset() + 4] & 0xFF;
    }

    /** Estimated maximum bitrate in bits per second. */
    public long bitrate() {
        int exp = (buf[fciOffset() + 5] & 0xFF) >>> 2;
        long mantissa = RtcpBytes.u24(buf, fciOffset() + 5) & 0x3FFFF;
        return exp > 45 ? Long.MAX_VALUE : mantissa << exp;
    }

    public int ssrc(int i) {
        return RtcpBytes.i32(buf, fciOffset() + 8 + 4 * i);
    }
}
