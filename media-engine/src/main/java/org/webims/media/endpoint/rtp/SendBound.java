package org.webims.media.endpoint.rtp;

import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.bandwidth.PacketOverhead;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.bandwidth.SendCeiling;

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

    /** RFC 4867 §4.3/§4.4: AMR-WB's CMR and ToC ride in every packet beside the speech bits. */
    private static int payloadHeaderBits(StreamState state) {
        if (state.sendKind() != PayloadKind.AMR_WB || state.sendFormat() == null) {
            return 0;
        }
        return state.sendFormat().intParameter("octet-align", 0) == 1 ? SendCeiling.AMR_WB_OCTET_ALIGNED_HEADER_BITS
                : SendCeiling.AMR_WB_BANDWIDTH_EFFICIENT_HEADER_BITS;
    }
}
