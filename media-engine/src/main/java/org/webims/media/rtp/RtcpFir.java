package org.webims.media.rtp;

/** View of a Full Intra Request (RFC 5104 §4.3.1): FCI entries of SSRC and command seq nr. */
public final class RtcpFir extends RtcpFeedback {

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.PSFB && count == RtcpPacketType.FMT_FIR;
    }

    @Override
    protected boolean validateFci() {
        return (fciLength() > 0 && fciLength() % 8 == 0) || fail(RtcpFault.BAD_FCI);
    }

    public int entryCount() {
        return fciLength() / 8;
    }

    public int ssrc(int i) {
        return RtcpBytes.i32(buf, fciOffset() + 8 * i);
    }

    public int sequenceNumber(int i) {
        return buf[fciOffset() + 8 * i + 4] & 0xFF;
    }
}
