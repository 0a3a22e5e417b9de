package org.webims.webrtc.media;

import org.webims.media.endpoint.RtcpPresence;
import org.webims.media.endpoint.rtp.OutboundRtpStats;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SinkPad;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.sdp.bandwidth.RtcpBandwidth;
import org.webims.media.srtp.DtlsSrtpKeys;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.media.srtp.SrtpSettings;
import org.webims.webrtc.congestion.SendBitrate;
import org.webims.webrtc.congestion.SendSideEstimator;
import org.webims.webrtc.congestion.SendTimeHistory;
import org.webims.webrtc.sdp.SessionPlan;
import org.webims.webrtc.transport.BundlePort;

/**
 * The media side of one WebRTC endpoint: the inbound path to the source pads, the two outbound
 * streams behind the sink pads, and RTCP both ways. It holds no media until DTLS has given keys
 * ({@link #keyed}), and follows each renegotiation ({@link #apply}).
 */
public final class WebRtcMediaSession {

    /** Told once per telephone-event from the browser, when it ends (RFC 4733 §2.5.2), on the I/O thread. */
    @FunctionalInterface
    public interface DtmfHeard {
        void heard(int event, int volume, int durationMs);
    }

    private final OutboundMediaStream audioOut;
    private final OutboundMediaStream videoOut;
    private final RtcpOut rtcpOut;
    private final ReceiverFeedback receiverFeedback;
    private final RtcpFeedbackHandler feedbackHandler;
    private final InboundMediaPath inbound;
    private final SendSideEstimator estimator;
    private final VideoBitrateCap videoCap;
    private final AudioBitrateShare audioShare;

    public WebRtcMediaSession(OutboundMediaStream audioOut, OutboundMediaStream videoOut, RtcpOut rtcpOut,
            long maxVideoBitrate, SourcePad audioSource, SourcePad videoSource, SinkPad audioSink, SinkPad videoSink,
            DtmfHeard dtmfHeard, SendTimeHistory sendTimes, SendBitrate sendBitrate, RtcpPresence presence) {
        this.audioOut = audioOut;
        this.videoOut = videoOut;
        this.rtcpOut = rtcpOut;
        this.receiverFeedback = new ReceiverFeedback(rtcpOut, maxVideoBitrate, audioOut, videoOut);
        this.estimator = new SendSideEstimator(sendTimes, sendBitrate);
        this.videoCap = new VideoBitrateCap(videoSink, sendBitrate);
        this.audioShare = new AudioBitrateShare(audioSink, sendBitrate);
        this.feedbackHandler = new RtcpFeedbackHandler(audioSink, videoSink, audioOut, videoOut, receiverFeedback,
                estimator, videoCap, audioShare, presence);
        // the round trip our NACKs wait for before asking again: the browser's reports about our video
        // (RFC 3550 §6.4.1), else about our audio, in 1/65536 s; -1 while neither was measured
        this.inbound = new InboundMediaPath(audioSource, videoSource, feedbackHandler, receiverFeedback, rtcpOut,
                dtmfHeard, () -> Math.max(videoOut.feedback().roundTripUnits(), audioOut.feedback().roundTripUnits()));
    }

    /** A new offer/answer outcome: what we send and what may arrive. */
    public void apply(SessionPlan plan) {
        audioOut.configure(plan.media(MediaType.AUDIO).map(p -> SendConfig.of(plan, p)).orElse(null));
        videoOut.configure(plan.media(MediaType.VIDEO).map(p -> SendConfig.of(plan, p)).orElse(null));
        inbound.plan(plan);
    }

    /** The browser's b=RS/b=RR over its bundled m-lines (RFC 3556 §2): whether we report, and how often. */
    public void peerRtcpBandwidth(RtcpBandwidth value) {
        receiverFeedback.peerRtcpBandwidth(value);
    }

    /** DTLS-SRTP connected: a receiver for the browser's key, a sender per SSRC of ours for our key. */
    public void keyed(DtlsSrtpKeys keys) {
        SrtpSettings settings = SrtpSettings.DEFAULTS;
        rtcpOut.keyed(new SrtpSender(keys.local(), settings));
        audioOut.keyed(new SrtpSender(keys.local(), settings), new SrtpSender(keys.local(), settings));
        videoOut.keyed(new SrtpSender(keys.local(), settings), new SrtpSender(keys.local(), settings));
        inbound.keyed(new SrtpReceiver(keys.remote(), settings));
    }

    /** Where SRTP/SRTCP from a validated address goes, on the I/O thread: the inbound path itself. */
    public BundlePort.MediaInput input() {
        return inbound;
    }

    /** Something downstream of our video source needs a keyframe: ask the browser (PLI). */
    public void requestKeyframe() {
        int ssrc = inbound.remoteVideoSsrc();
        if (ssrc != 0) {
            rtcpOut.sendPli(ssrc, System.nanoTime());
        }
    }

    /** Something downstream takes at most this much: our REMB says so to the browser. */
    public void limitBitrate(long bitsPerSecond) {
        receiverFeedback.limit(bitsPerSecond);
    }

    /** Telephone-events heard from the browser. */
    public long dtmfEventsReceived() {
        return inbound.dtmfEvents;
    }

    /**
     * Our audio and video streams to the browser, those that sent anything, with the loss, jitter
     * and round trip its receiver reports state and the feedback it sent for each.
     */
    public java.util.List<OutboundRtpStats> outboundStreams() {
        java.util.List<OutboundRtpStats> out = new java.util.ArrayList<>(2);
        OutboundRtpStats audio = audioOut.stats(MediaType.AUDIO);
        if (audio != null) {
            out.add(audio);
        }
        OutboundRtpStats video = videoOut.stats(MediaType.VIDEO);
        if (video != null) {
            out.add(video);
        }
        return out;
    }

    /** The streams the browser sends us, as of our last receiver report, with the PLIs and NACKs we sent for each so far. */
    public java.util.List<org.webims.media.endpoint.rtp.InboundRtpStats> inboundStreams() {
        return receiverFeedback.inboundStreams().stream()
                .map(s -> s.withFeedbackCounts(rtcpOut.plisSent(s.ssrc()), rtcpOut.nacksSent(s.ssrc()))).toList();
    }

    /** How the loss in the browser's video was repaired: NACKs, RTX, what was given up. */
    public VideoRepairStats videoRepair() {
        org.webims.media.rtp.session.VideoLossRepair r = inbound.videoRepair();
        return r == null ? new VideoRepairStats(rtcpOut.nacksSent(), 0, 0, 0, 0)
                : new VideoRepairStats(rtcpOut.nacksSent(), r.nacks.packetsAsked(), r.rtxRepaired(), r.rtxUnneeded(),
                        r.nacks.givenUp());
    }

    /**
     * Our send-side estimate toward the browser and what it is made of
     * (draft-ietf-rmcat-gcc-02 §5 and §6), with the cap last told to our video's source.
     */
    public BandwidthStats bandwidth() {
        SendSideEstimator e = estimator;
        return new BandwidthStats(e.measured(), e.estimate(), e.delayBasedEstimate(), e.lossBasedEstimate(),
                e.receiveRate(), e.lossFraction(), e.delayThresholdMs(), videoCap.applied(), audioShare.applied(),
                e.feedbacks(),
                e.packetsReceived(), e.packetsLost(), e.packetsUnknown(), e.overuses(), e.decreases(),
                feedbackHandler.malformed);
    }

    /**
     * @param measured        whether any transport-wide feedback has come (else the estimate is the configured start)
     * @param estimate        bits/s, the lower of the two below, within the configured bounds
     * @param receiveRate     what the browser received over the last half second, bits/s; -1 unknown
     * @param videoCap        the last bitrate told to our video's source (encoder target or REMB); 0 none
     * @param audioTarget     the last share of the estimate told to our audio's source (its encoder's target); 0 none
     * @param malformedRtcp   RTCP packets of the browser that did not parse, transport-wide feedback among them
     */
    public record BandwidthStats(boolean measured, long estimate, long delayBased, long lossBased, long receiveRate,
            double lossFraction, double delayThresholdMs, long videoCap, long audioTarget, long feedbacks,
            long packetsReceived, long packetsLost, long packetsUnknown, long overuses, long decreases, long malformedRtcp) {
    }

    /** On the endpoint's timer: limits from a browser that sent no RTCP for {@code timeoutNanos} are dropped. */
    public void expireSilentLimits(long nowNanos, long timeoutNanos) {
        feedbackHandler.expireSilentLimits(nowNanos, timeoutNanos);
    }

    public Stats stats() {
        return new Stats(inbound.forwarded, inbound.notKeyed, inbound.unprotectFailed, inbound.unknownPayloadType,
                inbound.auxiliary, feedbackHandler.keyframeRequests, feedbackHandler.nacks, feedbackHandler.rembs,
                audioOut.sent(), videoOut.sent(), videoOut.retransmitted(), rtcpOut.sent(), rtcpOut.plisSent(),
                inbound.srtpDropped(SrtpResult.REPLAYED), inbound.srtpDropped(SrtpResult.AUTH_FAILED),
                feedbackHandler.limitsExpired, receiverFeedback.reportsWithheld(), feedbackHandler.byeSources);
    }

    /**
     * Counters for getStats and tests; {@code rembsReceived} counts every bitrate limit (REMB and TMMBR),
     * {@code limitsExpired} the limits dropped because the browser fell silent, {@code rtcpReportsWithheld}
     * the reports not sent because the browser said b=RS:0 and b=RR:0, {@code byeSources} the sources its BYEs named.
     */
    public record Stats(long forwarded, long droppedNotKeyed, long droppedUnprotect, long droppedUnknownPayloadType,
            long auxiliary, long keyframeRequestsReceived, long nacksReceived, long rembsReceived, long audioSent,
            long videoSent, long retransmitted, long rtcpSent, long plisSent, long srtpReplayed,
            long srtpAuthFailed, long limitsExpired, long rtcpReportsWithheld, long byeSources) {
    }
}
