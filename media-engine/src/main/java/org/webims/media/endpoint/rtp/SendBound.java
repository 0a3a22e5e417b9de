package org.webims.media.endpoint.rtp;

import java.util.Map;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.bandwidth.PacketOverhead;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.bandwidth.SendCeiling;
import org.webims.media.sdp.bandwidth.SessionShare;

/**
 * The most a stream may send once negotiated: the far end's b=TIAS or b=AS on its m-line (RFC 8866
 * §5.8: the most it wants to receive; RFC 3890) as a media rate, under our own maxVideoSendBandwidth
 * for video (Kurento's BaseRtpEndpoint property). It reaches what feeds the sink pad as a ceiling
 * (a transcoder's encoder, the AMR-WB mode, or a relayed source's REMB/TMMBR).
 */
final class SendBound {

    private SendBound() {
    }

    /** Bits/s of media, {@link SendCeiling#NONE} for no bound, 0 when the far end takes nothing. */
    static long of(MediaType type, StreamState state, String peerAddress, MediaDescription remote,
            SdpBandwidths own) {
        long far = remote == null ? SendCeiling.NONE
                : SendCeiling.bitsPerSecond(remote, PacketOverhead.isIpv6(peerAddress), payloadHeaderBits(state));
        return SendCeiling.under(far, type == MediaType.VIDEO ? own.maxVideoSendKbps() : 0);
    }

    /**
     * A session-level b=AS/b=TIAS of the far end shared over the streams that send (RFC 8866 §5.8:
     * the session's total): {@code bounds} become the lower of their own and their share.
     */
    static void share(SessionDescription remote, Map<MediaType, StreamState> states,
            Map<MediaType, MediaDescription> lines, Map<MediaType, Long> bounds, boolean ipv6) {
        MediaDescription audio = sending(MediaType.AUDIO, states, lines, bounds);
        MediaDescription video = sending(MediaType.VIDEO, states, lines, bounds);
        SessionShare.Ceilings c = SessionShare.of(remote, audio, video, ipv6,
                bounds.getOrDefault(MediaType.AUDIO, SendCeiling.NONE), bounds.getOrDefault(MediaType.VIDEO, SendCeiling.NONE));
        if (audio != null) {
            bounds.put(MediaType.AUDIO, c.audio());
        }
        if (video != null) {
            bounds.put(MediaType.VIDEO, c.video());
        }
    }

    private static MediaDescription sending(MediaType type, Map<MediaType, StreamState> states,
            Map<MediaType, MediaDescription> lines, Map<MediaType, Long> bounds) {
        StreamState st = states.get(type);
        boolean sends = st != null && st.sends() && bounds.getOrDefault(type, SendCeiling.NONE) != 0;
        return sends ? lines.get(type) : null;
    }

    /** RFC 4867 §4.3/§4.4: AMR-WB's CMR and ToC ride in every packet beside the speech bits. */
    private static int payloadHeaderBits(StreamState state) {
        if (state.sendKind() != PayloadKind.AMR_WB || state.sendFormat() == null) {
            return 0;
        }
        return state.sendFormat().intParameter("octet-align", 0) == 1 ? SendCeiling.AMR_WB_OCTET_ALIGNED_HEADER_BITS
                : SendCeiling.AMR_WB_BANDWIDTH_EFFICIENT_HEADER_BITS;
    }
}
