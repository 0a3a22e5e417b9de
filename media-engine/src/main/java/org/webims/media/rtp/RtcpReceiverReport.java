package org.webims.media.rtp;

/** View of an RTCP Receiver Report (RFC 3550 §6.4.2). */
public final class RtcpReceiverReport extends RtcpView {

    static final int FIXED = 8;

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.RR;
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

    public int reportCount() {
        return count();
    }

    public void readReportBlock(int index, ReportBlock into) {
        into.read(buf, off + FIXED + index * ReportBlock.LENGTH);
    }
}
