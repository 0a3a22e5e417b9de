package org.webims.media.rtp;

/** View of an RTCP Sender Report (RFC 3550 §6.4.1). */
public final class RtcpSenderReport extends RtcpView {

    static final int FIXED = 28;

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.SR;
    }

    @Override
    protected boolean validate() {
        if (contentLength < FIXED) {
            return fail(RtcpFault.TOO_SHORT);
        }
        if (FIXED + count() * ReportBlock.LENGTH > contentLength) {
            return fail(RtcpFault.BAD_COUNT);
        }
        return true;
    }

    public int ssrc() {
        return RtcpBytes.i32(buf, off + 4);
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

    public int reportCount() {
        return count();
    }

    public void readReportBlock(int index, ReportBlock into) {
        into.read(buf, off + FIXED + index * ReportBlock.LENGTH);
    }
}
