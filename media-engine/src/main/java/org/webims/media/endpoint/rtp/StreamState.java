package org.webims.media.endpoint.rtp;

import java.net.InetSocketAddress;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.sdp.Direction;

/**
 * What one negotiation settled for a media stream, published as one immutable value so that the
 * receive, send and RTCP paths each read a consistent set with a single volatile load.
 *
 * @param sendPayloadType   -1 when nothing may be sent
 * @param telephoneEventPt  -1 without telephone-event
 * @param nack              the peer asked for generic NACKs (RFC 4585 §4.2 "nack") about what we send
 * @param rtxPayloadType    the rtx payload type (RFC 4588 §8.1) whose apt is our send payload type, -1 without
 * @param peerFidMediaSsrc  the peer's source its a=ssrc-group:FID pairs with {@code peerFidRtxSsrc}, 0 without
 * @param peerFidRtxSsrc    the peer's rtx source that retransmits it (RFC 4588 §8.2), 0 without
 */
record StreamState(boolean active, Direction direction, PayloadTypeTable receiveTable, MediaFormat receiveFormat,
        MediaFormat sendFormat, int sendPayloadType, PayloadKind sendKind, MediaFormat telephoneEventFormat,
        int telephoneEventPt, InetSocketAddress rtpPeer, InetSocketAddress rtcpPeer, boolean rtcpMux,
        SdesSrtp srtp, boolean pli, boolean fir, boolean remb, boolean tmmbr, boolean nack, int rtxPayloadType,
        int peerFidMediaSsrc, int peerFidRtxSsrc) {

    /** Before any negotiation, or after the m-line was refused: nothing is sent, nothing accepted. */
    static final StreamState INACTIVE = new StreamState(false, Direction.INACTIVE, PayloadTypeTable.EMPTY, null,
            null, -1, PayloadKind.OTHER, null, -1, null, null, false, null, false, false, false, false, false, -1, 0, 0);

    /**
     * The same with nothing sent: a far end whose m-line says b=AS:0 (or b=TIAS:0) takes no media
     * on it (RFC 8866 §5.8: the most it receives), so we keep receiving and send nothing.
     */
    StreamState sendingNothing() {
        return new StreamState(active, Direction.of(false, direction.receives()), receiveTable, receiveFormat,
                sendFormat, sendPayloadType, sendKind, telephoneEventFormat, telephoneEventPt, rtpPeer, rtcpPeer,
                rtcpMux, srtp, pli, fir, remb, tmmbr, nack, rtxPayloadType, peerFidMediaSsrc, peerFidRtxSsrc);
    }

    boolean sends() {
        return active && direction.sends() && sendPayloadType >= 0;
    }

    /** The peer's source that its rtx source {@code rtxSsrc} retransmits, as its FID group says; 0 if it did not say. */
    int rtxOriginalSsrc(int rtxSsrc) {
        return rtxSsrc == peerFidRtxSsrc ? peerFidMediaSsrc : 0;
    }

    boolean receives() {
        return active && direction.receives();
    }
}
