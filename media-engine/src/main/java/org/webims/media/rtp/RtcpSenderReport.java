package org.webims.media.rtp;

/** View of an RTCP Sender Report (RFC 3550 §6.4.1). */
public final class RtcpSenderReport extends RtcpReport {

    static final int FIXED = 28;

    public RtcpSenderReport() {
        super(FIXED);
    }

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.SR;
    }


    /** 64-bit NTP timestamp. */
    public long ntpTimestamp() {
        return ((long) RtcpBytes.i32(buf, off + 8) << 32) | RtcpBytes.u32(buf, off + 12);
    }

    public long rtpTimestamp() {
        return RtcpBytes.u32(buf, off + 16);
    }

    public long packetCount() {
        return RtcpBytes.u32(buf, off + 20);
    }

    public long octetCount() {
        return RtcpBytes.u32(buf, off + 24);
    }
}
