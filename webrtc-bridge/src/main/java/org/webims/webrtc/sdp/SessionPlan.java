package org.webims.webrtc.sdp;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.ExtMap;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.SsrcGroup;
import org.webims.media.sdp.negotiation.NegotiatedCodec;
import org.webims.media.sdp.negotiation.NegotiatedMedia;

/**
 * The outcome of one offer/answer for the whole bundle, in the shape the packet paths read:
 * a table from payload type to what arrives with it (payload types are unique across a bundle,
 * RFC 9143 §7.5.2), the plan per media type, and the header extension ids. Immutable: a
 * renegotiation makes a new one, swapped in with one volatile write.
 */
public final class SessionPlan {

    /** What a payload type carries on the receive side. */
    public enum Kind { MEDIA, RTX, DTMF, OTHER }

    /** @param payload the payload format's kind for keyframe detection, looked up once per negotiation */
    public record Inbound(MediaType type, Kind kind, MediaFormat format, PayloadKind payload) {
    }

    private final Map<MediaType, MediaPlan> media;
    private final Inbound[] byPayloadType = new Inbound[128];
    // RFC 4588 §8.1: the payload type an rtx payload type retransmits (its apt), -1 for none
    private final int[] associated = new int[128];
    // the browser's a=ssrc-group:FID pairs (RFC 5576 §4.2, RFC 4588 §8.2): rtx SSRC -> original SSRC
    private final int[] rtxSsrcs;
    private final int[] originalSsrcs;
    private final int midExtension;
    private final int absSendTimeExtension;
    private final int transportCcExtension;
    private final boolean videoNack;

    private SessionPlan(Map<MediaType, MediaPlan> media, int mid, int absSendTime, int transportCc,
            List<SsrcGroup> fid) {
        this.media = media;
        java.util.Arrays.fill(associated, -1);
        rtxSsrcs = new int[fid.size()];
        originalSsrcs = new int[fid.size()];
        for (int i = 0; i < fid.size(); i++) {
            originalSsrcs[i] = fid.get(i).ssrcs().get(0).intValue();
            rtxSsrcs[i] = fid.get(i).ssrcs().get(1).intValue();
        }
        this.midExtension = mid;
        this.absSendTimeExtension = absSendTime;
        this.transportCcExtension = transportCc;
        MediaPlan video = media.get(MediaType.VIDEO);
        this.videoNack = video != null && video.sendFeedback("nack");
        for (MediaPlan p : media.values()) {
            for (Map.Entry<Integer, NegotiatedCodec> e : p.receive().entrySet()) {
                NegotiatedCodec c = e.getValue();
                Kind kind = c.is("rtx") ? Kind.RTX : c.is("telephone-event") ? Kind.DTMF
                        : c.is("red") || c.is("ulpfec") || c.is("cn") || c.is("flexfec-03") ? Kind.OTHER : Kind.MEDIA;
                byPayloadType[e.getKey()] = new Inbound(p.type(), kind, MediaPlan.format(p.type(), c),
                        PayloadKind.of(c.encodingName()));
                if (kind == Kind.RTX) {
                    associated[e.getKey()] = aptOf(c);
                }
            }
        }
    }

    private static int aptOf(NegotiatedCodec rtx) {
        try {
            String apt = rtx.parameter("apt");
            return apt == null ? -1 : Integer.parseInt(apt.trim()) & 0x7f;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The plan, with the FID pairs the browser's description {@code remote} (null: none) declares. */
    public static SessionPlan of(List<NegotiatedMedia> negotiated, SessionDescription remote)
            throws WebRtcSdpException {
        List<SsrcGroup> fid = new java.util.ArrayList<>();
        if (remote != null) {
            for (MediaDescription m : remote.media()) {
                if (!m.isRejected()) {
                    fid.addAll(m.fidPairs());
                }
            }
        }
        Map<MediaType, MediaPlan> media = new EnumMap<>(MediaType.class);
        int mid = 0;
        int abs = 0;
        int tcc = 0;
        for (NegotiatedMedia n : negotiated) {
            if (!n.accepted()) {
                continue;
            }
            MediaPlan plan = MediaPlan.of(n);
            if (media.putIfAbsent(plan.type(), plan) != null) {
                throw new WebRtcSdpException("more than one " + n.media() + " m-line is not supported");
            }
            for (ExtMap e : n.extensions()) {
                switch (e.uri()) {
                    case WebRtcCodecs.MID_URI -> mid = mid == 0 ? e.id() : mid;
                    case WebRtcCodecs.ABS_SEND_TIME_URI -> abs = abs == 0 ? e.id() : abs;
                    case WebRtcCodecs.TRANSPORT_CC_URI -> tcc = tcc == 0 ? e.id() : tcc;
                    default -> { }
                }
            }
        }
        if (media.isEmpty()) {
            throw new WebRtcSdpException("no m-line was accepted");
        }
        return new SessionPlan(media, mid, abs, tcc, fid);
    }

    /** What arrives with this payload type, or null for one not negotiated. */
    public Inbound inbound(int payloadType) {
        return byPayloadType[payloadType & 0x7f];
    }

    /** The payload type the rtx payload type {@code payloadType} retransmits (its apt), or -1. */
    public int rtxAssociated(int payloadType) {
        return associated[payloadType & 0x7f];
    }

    /** The original SSRC the browser paired with the rtx SSRC {@code rtxSsrc} (a=ssrc-group:FID), or 0 if it did not say. */
    public int rtxOriginalSsrc(int rtxSsrc) {
        for (int i = 0; i < rtxSsrcs.length; i++) {
            if (rtxSsrcs[i] == rtxSsrc) {
                return originalSsrcs[i];
            }
        }
        return 0;
    }

    public Optional<MediaPlan> media(MediaType type) {
        return Optional.ofNullable(media.get(type));
    }

    /** The first media format we receive for a type: what the browser sends first (RFC 3264 §6.1). */
    public Optional<MediaFormat> firstReceiveFormat(MediaType type) {
        MediaPlan p = media.get(type);
        if (p == null || p.sendPayloadType() < 0) {
            return Optional.empty();
        }
        Inbound in = byPayloadType[p.sendPayloadType()];
        return in == null ? Optional.empty() : Optional.of(in.format());
    }

    /** RFC 8285 extension ids; 0 when not negotiated. */
    public int midExtension() { return midExtension; }
    public int absSendTimeExtension() { return absSendTimeExtension; }
    public int transportCcExtension() { return transportCcExtension; }

    /**
     * Whether the browser takes generic NACK for its video (a=rtcp-fb nack, RFC 4585 §4.2): known
     * once per plan, since the inbound path asks at every change of payload type.
     */
    public boolean videoTakesNack() { return videoNack; }
}
