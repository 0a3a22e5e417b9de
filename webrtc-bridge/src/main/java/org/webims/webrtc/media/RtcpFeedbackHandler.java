package org.webims.webrtc.media;

import org.webims.media.pipeline.SinkPad;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpFeedback;
import org.webims.media.rtp.RtcpNack;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtcpRemb;
import org.webims.media.rtp.RtcpSenderReport;

/**
 * The browser's RTCP about what we send it, on the I/O thread: PLI and FIR (RFC 4585 §6.3.1,
 * RFC 5104 §4.3.1) ask our video source for a keyframe; REMB caps its bitrate; a NACK
 * (RFC 4585 §6.2.1) for our video SSRC is answered from the rtx cache; sender reports feed our
 * receiver reports' LSR/DLSR. Reduced-size RTCP (RFC 5506) is accepted; bad packets are counted.
 */
final class RtcpFeedbackHandler {

    private final RtcpCompound compound = new RtcpCompound(true);
    private final RtcpFeedback feedback = new RtcpFeedback();
    private final RtcpNack nack = new RtcpNack();
    private final RtcpRemb remb = new RtcpRemb();
    private final RtcpSenderReport senderReport = new RtcpSenderReport();
    private final int[] lost = new int[256];
    private final SinkPad videoSink;
    private final OutboundMediaStream video;
    private final ReceiverFeedback receiverFeedback;
    long malformed;
    long keyframeRequests;
    long nacks;
    long rembs;

    RtcpFeedbackHandler(SinkPad videoSink, OutboundMediaStream video, ReceiverFeedback receiverFeedback) {
        this.videoSink = videoSink;
        this.video = video;
        this.receiverFeedback = receiverFeedback;
    }

    void handle(byte[] b, int off, int len, long nowNanos) {
        if (!compound.wrap(b, off, len)) {
            malformed++;
            return;
        }
        while (compound.next()) {
            int at = compound.packetOffset();
            int length = compound.packetLength();
            int type = compound.packetType();
            int fmt = compound.count();
            if (type == RtcpPacketType.PSFB && (fmt == RtcpPacketType.FMT_PLI || fmt == RtcpPacketType.FMT_FIR)) {
                if (feedback.wrap(b, at, length)) {
                    keyframeRequests++;
                    videoSink.requestKeyframe();
                }
            } else if (type == RtcpPacketType.PSFB && fmt == RtcpPacketType.FMT_AFB) {
                if (remb.wrap(b, at, length)) {
                    rembs++;
                    videoSink.limitBitrate(remb.bitrate());
                }
            } else if (type == RtcpPacketType.RTPFB && fmt == RtcpPacketType.FMT_NACK) {
                if (nack.wrap(b, at, length) && nack.mediaSsrc() == video.ssrc()) {
                    nacks++;
                    int n = nack.lostSequenceNumbers(lost);
                    for (int i = 0; i < n; i++) {
                        video.retransmit(lost[i]);
                    }
                }
            } else if (type == RtcpPacketType.SR) {
                if (senderReport.wrap(b, at, length)) {
                    receiverFeedback.onSenderReport(senderReport.ssrc(), senderReport.ntpTimestamp(), nowNanos);
                }
            }
        }
    }
}
