package org.webims.media.rtp;

/**
 * View of an RTCP feedback message (RFC 4585 §6.1): RTPFB or PSFB with sender and media source
 * SSRC and the feedback control information (FCI). Used as is for PLI (no FCI) and as the base of
 * the views of each FCI format.
 */
public class RtcpFeedback extends RtcpView {

    protected static final int FCI = 12;

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.RTPFB || packetType == RtcpPacketType.PSFB;
    }

    @Override
    protected final boolean validate() {
        if (contentLength < FCI) {
            return fail(RtcpFault.TOO_SHORT);
        }
        return validateFci();
    }

    /** Checks the FCI of this format. */
    protected boolean validateFci() {
        return true;
    }

    public final int fmt() {
        return count();
    }

    public final int senderSsrc() {
        return RtcpBytes.i32(buf, off + 4);
    }

    public final int mediaSsrc() {
        return RtcpBytes.i32(buf, off + 8);
    }

    public final int fciOffset() {
        return off + FCI;
    }

    public final int fciLength() {
        return contentLength - FCI;
    }

    /** RFC 4585 §6.3.1: PSFB with FMT 1 and no FCI. */
    public final boolean isPli() {
        return packetType() == RtcpPacketType.PSFB && fmt() == RtcpPacketType.FMT_PLI;
    }
}
