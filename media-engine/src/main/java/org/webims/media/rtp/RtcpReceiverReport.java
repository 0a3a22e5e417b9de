package org.webims.media.rtp;

/** View of an RTCP Receiver Report (RFC 3550 §6.4.2). */
public final class RtcpReceiverReport extends RtcpReport {

    static final int FIXED = 8;

    public RtcpReceiverReport() {
        super(FIXED);
    }

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.RR;
    }
}
