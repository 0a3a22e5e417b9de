package org.webims.media.rtp;

/**
 * What a Sender and a Receiver Report share (RFC 3550 §6.4): the sender's SSRC after the header,
 * a fixed part, then RC report blocks.
 */
abstract class RtcpReport extends RtcpView {

    private final int fixed;

    RtcpReport(int fixed) {
        this.fixed = fixed;
    }

    @Override
    protected final boolean validate() {
        if (contentLength < fixed) {
            return fail(RtcpFault.TOO_SHORT);
        }
        if (fixed + count() * ReportBlock.LENGTH > contentLength) {
            return fail(RtcpFault.BAD_COUNT);
        }
        return true;
    }

    public final int ssrc() {
        return RtcpBytes.i32(buf, off + 4);
    }

    public final int reportCount() {
        return count();
    }

    public final void readReportBlock(int index, ReportBlock into) {
        into.read(buf, off + fixed + index * ReportBlock.LENGTH);
    }
}
