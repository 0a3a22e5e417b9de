package org.webims.webrtc.media;

import org.webims.media.endpoint.RtcpPresence;
import org.webims.media.endpoint.rtp.path.RtcpFeedbackReader;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SinkPad;
import org.webims.media.rtp.NtpTime;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpTransportCc;
import org.webims.media.rtp.session.TmmbrBoundingSet;
import org.webims.media.sdp.bandwidth.ReceiveBandwidth;
import org.webims.webrtc.congestion.SendSideEstimator;

/**
 * The browser's RTCP about what we send it, on the I/O thread, read by the RTP endpoint's
 * {@link RtcpFeedbackReader}: PLI and FIR (RFC 4585 §6.3.1, RFC 5104 §4.3.1) ask our video source
 * for a keyframe; REMB and TMMBR cap its bitrate, and so does our send-side estimate from its
 * transport-wide feedback ({@link VideoBitrateCap}), of which our audio takes its share first
 * ({@link AudioBitrateShare}); the loss its reports state about our audio, smoothed, goes to
 * our audio's encoder; a NACK (RFC 4585 §6.2.1) for our video SSRC is
 * answered from the rtx cache; sender reports feed our receiver reports' LSR/DLSR. Report blocks
 * about our SSRCs (RFC 3550 §6.4.1) and the feedback naming them are kept per stream of ours for
 * getStats. Each sender or receiver report, and each source a BYE names, goes to the endpoint's
 * {@link RtcpPresence} (Kurento's media state), of the media type of its sender's RTP, else of the first
 * stream of ours its report blocks name. Bad packets are counted.
 */
final class RtcpFeedbackHandler implements RtcpFeedbackReader.Listener {

    private final RtcpFeedbackReader reader = new RtcpFeedbackReader(this);
    private final SinkPad videoSink;
    private final SinkPad audioSink;
    private final OutboundMediaStream audio;
    private final OutboundMediaStream video;
    private final ReceiverFeedback receiverFeedback;
    private final SendSideEstimator estimator;
    private final VideoBitrateCap cap;
    private final AudioBitrateShare audioShare;
    private final RtcpPresence presence;
    private long nowNanos;
    /** When the browser's RTCP last came; read by the endpoint's timer. */
    private volatile long heardNanos = System.nanoTime();
    // the report being read: its sender and media type, handed to the presence once its blocks are read
    private boolean reportPending;
    private int reportSsrc;
    private MediaType reportType;
    private long arrivalNtp; // of the compound being read, taken at its first report block
    long malformed;
    long keyframeRequests;
    long nacks;
    long rembs;
    long transportFeedbacks;
    /** Sources the browser's SRTCP-authenticated BYEs named (RFC 3550 §6.6). */
    long byeSources;
    /** Limits (the browser's REMB/TMMBR and the estimate from its feedback, video's and audio's) dropped because it fell silent. */
    volatile long limitsExpired;
    /**
     * Bytes an audio packet carries beside its payload: the RTP header (12) with our mid,
     * abs-send-time and transport-wide sequence extensions (16) and the SRTP tag (10).
     */
    static final int AUDIO_PACKET_OVERHEAD = 38;

    RtcpFeedbackHandler(SinkPad audioSink, SinkPad videoSink, OutboundMediaStream audio, OutboundMediaStream video,
                        ReceiverFeedback receiverFeedback, SendSideEstimator estimator, VideoBitrateCap cap,
                        AudioBitrateShare audioShare, RtcpPresence presence) {
        this.audioSink = audioSink;
        this.videoSink = videoSink;
        this.audio = audio;
        this.video = video;
        this.receiverFeedback = receiverFeedback;
        this.estimator = estimator;
        this.cap = cap;
        this.audioShare = audioShare;
        this.presence = presence;
    }

    void handle(byte[] b, int off, int len, long now) {
        nowNanos = now;
        heardNanos = now;
        arrivalNtp = 0;
        if (!reader.read(b, off, len, video.ssrc())) {
            malformed++;
        }
        flushReport();
        receiverFeedback.onRtcp(now);
    }

    /**
     * On the endpoint's timer: a browser that sent no RTCP for {@code timeoutNanos} has gone (RFC 3550
     * §6.3.5), so what its RTCP made our limits drops as if lifted; a dead viewer holds no source down.
     */
    void expireSilentLimits(long now, long timeoutNanos) {
        if (now - heardNanos <= timeoutNanos) {
            return;
        }
        int dropped = (cap.expire() ? 1 : 0) + (audioShare.expire() ? 1 : 0);
        if (dropped > 0) {
            limitsExpired += dropped;
        }
    }

    /** Ours of that SSRC, or null. */
    private OutboundMediaStream ours(int ssrc) {
        return ssrc == video.ssrc() ? video : ssrc == audio.ssrc() ? audio : null;
    }

    @Override
    public void receiverReport(int ssrc) {
        reportFrom(ssrc);
    }

    private void reportFrom(int ssrc) {
        flushReport();
        reportPending = true;
        reportSsrc = ssrc;
        reportType = receiverFeedback.mediaTypeOf(ssrc);
    }

    private void flushReport() {
        if (reportPending) {
            reportPending = false;
            presence.report(reportType, reportSsrc, nowNanos);
        }
    }

    @Override
    public void sourceLeft(int ssrc) {
        byeSources++;
        flushReport();
        presence.bye(receiverFeedback.mediaTypeOf(ssrc), ssrc, nowNanos);
    }

    @Override
    public void reportBlock(ReportBlock block) {
        OutboundMediaStream s = ours(block.ssrc);
        if (reportPending && reportType == null && s != null) {
            reportType = s == audio ? MediaType.AUDIO : MediaType.VIDEO;
        }
        if (s != null) {
            if (arrivalNtp == 0) {
                arrivalNtp = NtpTime.now();
            }
            s.feedback().reportBlock(block, arrivalNtp, nowNanos);
            if (s == audio) { // the smoothed loss to whatever encodes our audio (a relay has no encoder)
                audioSink.receiverLoss(s.feedback().smoothedLoss().percent());
            }
        }
    }

    @Override
    public void keyframeRequested(int mediaSsrc, boolean fullIntraRequest) {
        keyframeRequests++;
        OutboundMediaStream s = ours(mediaSsrc);
        if (s != null) {
            s.feedback().keyframeRequested(fullIntraRequest);
        }
        videoSink.requestKeyframe();
    }

    @Override
    public void bitrateLimited(long bitsPerSecond) {
        rembs++;
        cap.receiverLimit(bitsPerSecond);
    }

    /**
     * RFC 5104 §4.2.1.1: MxTBR counts the overhead the browser measured on each packet, so our video
     * keeps under it less those headers at the packet rate such a stream has at that rate (§4.2.1.2).
     */
    @Override
    public void tmmbr(int requesterSsrc, long bitsPerSecond, int overhead) {
        if (bitsPerSecond <= 0) {
            return; // MxTBR 0 is no tuple (decision 0080), neither a limit nor a lift
        }
        bitrateLimited(TmmbrBoundingSet.netRate(bitsPerSecond, overhead,
                ReceiveBandwidth.videoPacketsPerSecond(bitsPerSecond)));
    }

    @Override
    public void transportFeedback(RtcpTransportCc feedback) {
        transportFeedbacks++;
        long rtt = Math.max(video.feedback().roundTripMillis(), audio.feedback().roundTripMillis());
        long estimate = estimator.onFeedback(feedback, nowNanos, rtt);
        cap.estimate(estimate, audio.payloadBytesSent() + audio.sent() * AUDIO_PACKET_OVERHEAD, nowNanos);
        audioShare.estimate(estimate, video.sent(), nowNanos);
    }

    @Override
    public void remb(long bitsPerSecond, int[] ssrcs, int count) {
        for (int i = 0; i < count; i++) {
            OutboundMediaStream s = ours(ssrcs[i]);
            if (s != null) {
                s.feedback().remb(bitsPerSecond);
            }
        }
        bitrateLimited(bitsPerSecond);
    }

    @Override
    public void nack(int mediaSsrc, int[] lost, int count) {
        OutboundMediaStream s = ours(mediaSsrc);
        if (s == null) {
            return;
        }
        s.feedback().nack();
        if (s != video) {
            return; // no rtx for audio
        }
        nacks++;
        for (int i = 0; i < count; i++) {
            video.retransmit(lost[i]);
        }
    }

    @Override
    public void senderReport(int ssrc, long ntpTimestamp) {
        reportFrom(ssrc);
        receiverFeedback.onSenderReport(ssrc, ntpTimestamp, nowNanos);
    }

    @Override
    public void malformed() {
        malformed++;
    }
}
