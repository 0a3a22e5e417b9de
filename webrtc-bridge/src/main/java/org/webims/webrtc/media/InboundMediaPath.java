package org.webims.webrtc.media;

import java.util.function.LongSupplier;
import org.webims.media.endpoint.rtp.path.InboundPacket;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.rtp.RtcpMux;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.session.RtxPacket;
import org.webims.media.rtp.session.VideoLossRepair;
import org.webims.media.rtp.payload.SequenceContinuity;
import org.webims.media.rtp.payload.dtmf.DtmfListener;
import org.webims.media.rtp.payload.dtmf.DtmfReceiver;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.webrtc.sdp.SessionPlan;
import org.webims.webrtc.transport.BundlePort;

/**
 * SRTP and SRTCP from the browser, on the I/O thread: decrypted in place, RTCP to the feedback
 * handler, RTP by payload type (unique across the bundle) to the source pad of its media type
 * as the RTP endpoint's {@link InboundPacket} (keyframe flags included). Telephone-events are
 * told once per event to the endpoint's {@link WebRtcMediaSession.DtmfHeard} (RFC 4733 §2.5.2); red, padding-only
 * probes and other auxiliary payload types are counted, not forwarded. Loss in the browser's video is
 * repaired where nack was negotiated: the missing packets are asked for by generic NACK (RFC 4585
 * §6.2.1, {@link NackRequests}) and the browser's RTX retransmissions (RFC 4588) are restored to the
 * original packet, which then goes on as if it had arrived late. Loss that is not repaired, or any
 * gap without nack, asks the browser for a keyframe (PLI, RFC 4585 §6.3.1).
 */
final class InboundMediaPath implements BundlePort.MediaInput {

    private final RtpPacket rtp = new RtpPacket();
    private final InboundPacket audioPacket = new InboundPacket();
    private final InboundPacket videoPacket = new InboundPacket();
    private final SourcePad audioPad;
    private final SourcePad videoPad;
    private final RtcpFeedbackHandler feedback;
    private final ReceiverFeedback receiverFeedback;
    private final RtcpOut rtcpOut;
    private volatile SessionPlan plan;
    private volatile SrtpReceiver receiver;
    private volatile int remoteVideoSsrc;
    private final SequenceContinuity videoContinuity = new SequenceContinuity();
    private final LongSupplier roundTripUnits;
    private VideoLossRepair videoRepair; // null until the browser's video arrives with nack negotiated
    private final DtmfReceiver dtmf = new DtmfReceiver();
    private final DtmfListener dtmfListener = this::onDtmf;
    private final WebRtcMediaSession.DtmfHeard dtmfHeard;
    private int dtmfClockRate = 8000;
    // What the last packet's payload type means under the plan it was looked up in (the I/O thread's
    // own): a call's packets nearly all carry one payload type, so a packet reads these fields of this
    // object instead of the plan, its table, the entry and the entry's format, four objects a relay
    // of many calls finds cold at every packet (decision 0045). A new plan is another object: looked up again.
    private SessionPlan lookedUpIn;
    private int lookedUpPt = -1;
    private SessionPlan.Kind inboundKind; // null: a payload type the plan does not have
    private MediaType inboundType;
    private MediaFormat inboundFormat;
    private PayloadKind inboundPayload;
    private int inboundClockRate;
    private int transportCcExtension;
    private boolean videoNack; // the browser takes generic NACK for its video (a=rtcp-fb nack, RFC 4585 §4.2)
    long notKeyed;
    long unprotectFailed;
    long malformed;
    long unknownPayloadType;
    long auxiliary;
    long forwarded;
    long dtmfEvents;

    InboundMediaPath(SourcePad audioPad, SourcePad videoPad, RtcpFeedbackHandler feedback,
            ReceiverFeedback receiverFeedback, RtcpOut rtcpOut, WebRtcMediaSession.DtmfHeard dtmfHeard,
            LongSupplier roundTripUnits) {
        this.dtmfHeard = dtmfHeard;
        this.roundTripUnits = roundTripUnits;
        this.audioPad = audioPad;
        this.videoPad = videoPad;
        this.feedback = feedback;
        this.receiverFeedback = receiverFeedback;
        this.rtcpOut = rtcpOut;
    }

    void plan(SessionPlan next) { plan = next; }
    void keyed(SrtpReceiver rx) { receiver = rx; }
    int remoteVideoSsrc() { return remoteVideoSsrc; }
    /** The repair of the browser's video, null before any came with nack negotiated (getStats reads it racily). */
    VideoLossRepair videoRepair() { return videoRepair; }

    /** SRTP/SRTCP packets from the browser that ended with {@code result} (replays, failed tags). */
    long srtpDropped(SrtpResult result) {
        SrtpReceiver rx = receiver;
        return rx == null ? 0 : rx.counters().get(result);
    }

    @Override
    public void rtp(byte[] b, int off, int len, long nowNanos) {
        SrtpReceiver rx = receiver;
        SessionPlan p = plan;
        if (rx == null || p == null) {
            notKeyed++;
            return;
        }
        if (RtcpMux.isRtcp(b, off, len)) {
            if (rx.unprotectRtcp(b, off, len) != SrtpResult.OK) {
                unprotectFailed++;
                return;
            }
            feedback.handle(b, off, len - rx.profile().srtcpOverhead(), nowNanos);
            askForMissingVideo(nowNanos); // the browser's RTCP keeps asking when its video pauses
            return;
        }
        if (rx.unprotectRtp(b, off, len) != SrtpResult.OK) {
            unprotectFailed++;
            return;
        }
        if (!rtp.wrap(b, off, len - rx.profile().srtpOverhead())) {
            malformed++;
            return;
        }
        int pt = rtp.payloadType();
        if (p != lookedUpIn || pt != lookedUpPt) {
            lookUp(p, pt);
        }
        SessionPlan.Kind kind = inboundKind;
        int tccExt = transportCcExtension;
        int transportSeq = -1;
        if (tccExt > 0) {
            int at = rtp.extensionOffset(tccExt);
            if (at >= 0 && rtp.extensionLength(tccExt) == 2) {
                transportSeq = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
            }
        }
        receiverFeedback.onRtp(rtp, inboundClockRate,
                kind == SessionPlan.Kind.MEDIA ? inboundType : null, transportSeq, nowNanos);
        if (kind == null) {
            unknownPayloadType++;
            return;
        }
        if (kind == SessionPlan.Kind.DTMF) {
            dtmfClockRate = inboundClockRate; // durations count this payload type's clock
            dtmf.push(rtp, dtmfListener);
            return;
        }
        if (kind == SessionPlan.Kind.RTX) {
            retransmission(p, b, nowNanos); // rare: out of this method, which every packet runs
            return;
        }
        if (kind != SessionPlan.Kind.MEDIA || rtp.payloadLength() == 0) {
            auxiliary++; // red, padding-only probes
            return;
        }
        InboundPacket packet;
        SourcePad pad;
        if (inboundType == MediaType.VIDEO) {
            packet = videoPacket;
            pad = videoPad;
            watchVideoSequence(rtp.ssrc(), rtp.sequenceNumber(), nowNanos);
        } else {
            packet = audioPacket;
            pad = audioPad;
        }
        forwarded++;
        pad.push(packet.fill(rtp, inboundFormat, inboundPayload, nowNanos));
    }

    /**
     * An RTX packet (RFC 4588 §4): restored, it goes on as the original, late, if it brings one we
     * are missing; a copy of one we have (a sender probes bandwidth with RTX of packets it sent)
     * and a padding-only probe go no further.
     */
    private void retransmission(SessionPlan p, byte[] b, long nowNanos) {
        if (!restoreRtx(p, b) || inboundKind != SessionPlan.Kind.MEDIA || rtp.payloadLength() == 0) {
            auxiliary++; // padding-only probes, rtx of a stream we do not know
            return;
        }
        InboundPacket packet = audioPacket;
        SourcePad pad = audioPad;
        if (inboundType == MediaType.VIDEO) {
            packet = videoPacket;
            pad = videoPad;
            boolean fresh = watchVideoSequence(rtp.ssrc(), rtp.sequenceNumber(), nowNanos);
            VideoLossRepair r = videoRepair;
            if (r == null) {
                if (!fresh) {
                    return;
                }
            } else if (r.retransmission(fresh)) {
                // RFC 3550 A.3 counts packets received: a repaired one was, so our RR states the loss
                // after repair, as libwebrtc's does (its jitter is not taken: the delay is the repair's)
                receiverFeedback.onRepaired(rtp.ssrc(), rtp.sequenceNumber());
            } else {
                return;
            }
        }
        forwarded++;
        pad.push(packet.fill(rtp, inboundFormat, inboundPayload, nowNanos));
    }

    /**
     * Turns the RTX packet {@link #rtp} wraps into the original (RFC 4588 §4), in the buffer, and
     * looks its payload type up; false if it restores nothing. Its original SSRC is the one the
     * browser's FID group pairs with the rtx SSRC, or else, for video (the one kind we offer rtx
     * for), the video stream's SSRC we see.
     */
    private boolean restoreRtx(SessionPlan p, byte[] b) {
        int apt = p.rtxAssociated(rtp.payloadType());
        SessionPlan.Inbound original = apt < 0 ? null : p.inbound(apt);
        if (original == null || original.kind() != SessionPlan.Kind.MEDIA) {
            return false;
        }
        int ssrc = p.rtxOriginalSsrc(rtp.ssrc());
        if (ssrc == 0 && original.type() == MediaType.VIDEO) {
            ssrc = remoteVideoSsrc;
        }
        int length = rtp.length();
        int at = ssrc == 0 ? -1 : RtxPacket.restore(rtp, apt, ssrc);
        if (at < 0 || !rtp.wrap(b, at, length - RtxPacket.OSN_BYTES)) {
            return false;
        }
        lookUp(p, apt);
        return true;
    }

    private void lookUp(SessionPlan p, int pt) {
        SessionPlan.Inbound in = p.inbound(pt);
        inboundKind = in == null ? null : in.kind();
        inboundType = in == null ? null : in.type();
        inboundFormat = in == null ? null : in.format();
        inboundPayload = in == null ? null : in.payload();
        inboundClockRate = in == null ? 90000 : in.format().clockRate();
        transportCcExtension = p.transportCcExtension();
        videoNack = p.videoTakesNack();
        lookedUpIn = p;
        lookedUpPt = pt;
    }

    private void onDtmf(int event, int volume, int durationUnits, long rtpTimestamp) {
        dtmfEvents++;
        dtmfHeard.heard(event, volume, (int) ((long) durationUnits * 1000 / dtmfClockRate));
    }

    /** Follows the video's sequence; true if the packet is new to us, false for a duplicate or an old one. */
    private boolean watchVideoSequence(int ssrc, int seq, long nowNanos) {
        VideoLossRepair r = videoRepair;
        if (ssrc != remoteVideoSsrc) {
            remoteVideoSsrc = ssrc;
            videoContinuity.reset();
            if (r != null) {
                r.nacks.reset();
            }
        }
        if (!videoNack) {
            // loss nobody repairs breaks the picture until the next keyframe (RFC 4585 §6.3.1)
            int missing = videoContinuity.next(seq);
            if (missing > 0) {
                rtcpOut.sendPli(ssrc, nowNanos);
            }
            return missing >= 0;
        }
        if (r == null) {
            r = new VideoLossRepair(roundTripUnits);
            videoRepair = r;
        }
        boolean fresh = r.nacks.received(seq, nowNanos);
        r.askForMissing(ssrc, nowNanos, rtcpOut);
        return fresh;
    }

    /**
     * Asks the browser for the video packets due (generic NACK, RFC 4585 §6.2.1), or for a key
     * frame where NACK gave up (PLI, §6.3.1). Checked as packets and RTCP arrive: there is no timer,
     * and a video stream sends often enough that the reordering tolerance is kept within a frame.
     */
    private void askForMissingVideo(long nowNanos) {
        VideoLossRepair r = videoRepair;
        if (r != null) {
            r.askForMissing(remoteVideoSsrc, nowNanos, rtcpOut);
        }
    }
}
