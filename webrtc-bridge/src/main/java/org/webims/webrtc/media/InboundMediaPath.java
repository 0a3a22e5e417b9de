package org.webims.webrtc.media;

import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.rtp.RtcpMux;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.vp8.Vp8Descriptor;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.webrtc.sdp.SessionPlan;

/**
 * SRTP and SRTCP from the browser, on the I/O thread: decrypted in place, RTCP to the feedback
 * handler, RTP by payload type (unique across the bundle) to the source pad of its media type
 * as a {@link MediaPacket}. rtx, telephone-event and other auxiliary payload types are counted,
 * not forwarded. A gap in the video sequence asks the browser for a keyframe (PLI).
 */
final class InboundMediaPath {

    private final RtpPacket rtp = new RtpPacket();
    private final MediaPacket audioPacket = new MediaPacket();
    private final MediaPacket videoPacket = new MediaPacket();
    private final SourcePad audioPad;
    private final SourcePad videoPad;
    private final RtcpFeedbackHandler feedback;
    private final ReceiverFeedback receiverFeedback;
    private final RtcpOut rtcpOut;
    private volatile SessionPlan plan;
    private volatile SrtpReceiver receiver;
    private volatile int remoteVideoSsrc;
    private int lastVideoSeq = -1;
    long notKeyed;
    long unprotectFailed;
    long malformed;
    long unknownPayloadType;
    long auxiliary;
    long forwarded;

    InboundMediaPath(SourcePad audioPad, SourcePad videoPad, RtcpFeedbackHandler feedback,
            ReceiverFeedback receiverFeedback, RtcpOut rtcpOut) {
        this.audioPad = audioPad;
        this.videoPad = videoPad;
        this.feedback = feedback;
        this.receiverFeedback = receiverFeedback;
        this.rtcpOut = rtcpOut;
    }

    void plan(SessionPlan next) { plan = next; }
    void keyed(SrtpReceiver rx) { receiver = rx; }
    int remoteVideoSsrc() { return remoteVideoSsrc; }

    /** SRTP/SRTCP packets from the browser that ended with {@code result} (replays, failed tags). */
    long srtpDropped(SrtpResult result) {
        SrtpReceiver rx = receiver;
        return rx == null ? 0 : rx.counters().get(result);
    }

    void onPacket(byte[] b, int off, int len, long nowNanos) {
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
        SessionPlan.Inbound in = p.inbound(rtp.payloadType());
        int tccExt = p.transportCcExtension();
        int transportSeq = -1;
        if (tccExt > 0) {
            int at = rtp.extensionOffset(tccExt);
            if (at >= 0 && rtp.extensionLength(tccExt) == 2) {
                transportSeq = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
            }
        }
        receiverFeedback.onRtp(rtp, in == null ? 90000 : in.format().clockRate(), transportSeq, nowNanos);
        if (in == null) {
            unknownPayloadType++;
            return;
        }
        if (in.kind() != SessionPlan.Kind.MEDIA || rtp.payloadLength() == 0) {
            auxiliary++; // rtx, DTMF, red, padding-only probes
            return;
        }
        MediaPacket packet;
        SourcePad pad;
        boolean keyframe = false;
        if (in.type() == MediaType.VIDEO) {
            packet = videoPacket;
            pad = videoPad;
            watchVideoSequence(rtp.ssrc(), rtp.sequenceNumber(), nowNanos);
            keyframe = isKeyframeStart(in.format().encoding(), b, rtp.payloadOffset(), rtp.payloadLength());
        } else {
            packet = audioPacket;
            pad = audioPad;
        }
        packet.set(in.format(), b, rtp.payloadOffset(), rtp.payloadLength(), rtp.timestamp(), rtp.sequenceNumber(),
                rtp.marker()).ssrc(rtp.ssrc()).receivedNanos(nowNanos).keyframe(keyframe);
        forwarded++;
        pad.push(packet);
    }

    // Loss we cannot repair (no NACK of ours yet) breaks the picture until the next keyframe.
    private void watchVideoSequence(int ssrc, int seq, long nowNanos) {
        if (ssrc != remoteVideoSsrc) {
            remoteVideoSsrc = ssrc;
            lastVideoSeq = -1;
        }
        if (lastVideoSeq >= 0) {
            int gap = (seq - lastVideoSeq - 1) & 0xffff;
            if (gap > 0 && gap < 0x8000) {
                rtcpOut.sendPli(ssrc, nowNanos);
            }
        }
        if (lastVideoSeq < 0 || ((seq - lastVideoSeq) & 0xffff) < 0x8000) {
            lastVideoSeq = seq;
        }
    }

    /** VP8: the P bit of a frame's first packet (RFC 7741 §4.3); H.264: an IDR or SPS NAL first (RFC 6184 §5). */
    static boolean isKeyframeStart(String encoding, byte[] b, int off, int len) {
        if (encoding.equalsIgnoreCase("VP8")) {
            return Vp8Descriptor.isKeyFrame(b, off, len);
        }
        if (encoding.equalsIgnoreCase("H264") && len > 1) {
            int nal = b[off] & 0x1f;
            if (nal == 24 && len > 3) { // STAP-A: the first aggregated NAL
                nal = b[off + 3] & 0x1f;
            } else if (nal == 28) { // FU-A: start bit and the original type
                nal = (b[off + 1] & 0x80) != 0 ? b[off + 1] & 0x1f : 0;
            }
            return nal == 5 || nal == 7;
        }
        return false;
    }
}
