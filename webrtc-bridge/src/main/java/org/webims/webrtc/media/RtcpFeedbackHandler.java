package org.webims.webrtc.media;

import org.webims.media.endpoint.rtp.path.RtcpFeedbackReader;
import org.webims.media.pipeline.SinkPad;

/**
 * The browser's RTCP about what we send it, on the I/O thread, read by the RTP endpoint's
 * {@link RtcpFeedbackReader}: PLI and FIR (RFC 4585 §6.3.1, RFC 5104 §4.3.1) ask our video source
 * for a keyframe; REMB and TMMBR cap its bitrate; a NACK (RFC 4585 §6.2.1) for our video SSRC is
 * answered from the rtx cache; sender reports feed our receiver reports' LSR/DLSR. Bad packets
 * are counted.
 */
final class RtcpFeedbackHandler implements RtcpFeedbackReader.Listener {

    private final RtcpFeedbackReader reader = new RtcpFeedbackReader(this);
    private final SinkPad videoSink;
    private final OutboundMediaStream video;
    private final ReceiverFeedback receiverFeedback;
    private long nowNanos;
    long malformed;
    long keyframeRequests;
    long nacks;
    long rembs;

    RtcpFeedbackHandler(SinkPad videoSink, OutboundMediaStream video, ReceiverFeedback receiverFeedback) {
        this.videoSink = videoSink;
        this.video = video;
        this.receiverFeedback = receiverFeedback;
    }

    void handle(byte[] b, int off, int len, long now) {
        nowNanos = now;
        if (!reader.read(b, off, len, video.ssrc())) {
            malformed++;
        }
    }

    @Override
    public void keyframeRequested() {
        keyframeRequests++;
        videoSink.requestKeyframe();
    }

    @Override
    public void bitrateLimited(long bitsPerSecond) {
        rembs++;
        videoSink.limitBitrate(bitsPerSecond);
    }

    @Override
    public void nack(int mediaSsrc, int[] lost, int count) {
        if (mediaSsrc != video.ssrc()) {
            return;
        }
        nacks++;
        for (int i = 0; i < count; i++) {
            video.retransmit(lost[i]);
        }
    }

    @Override
    public void senderReport(int ssrc, long ntpTimestamp) {
        receiverFeedback.onSenderReport(ssrc, ntpTimestamp, nowNanos);
    }

    @Override
    public void malformed() {
        malformed++;
    }
}
