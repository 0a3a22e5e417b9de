package org.webims.media.endpoint.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webims.media.endpoint.rtp.path.DtmfOutput;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpReceptionStats;
import org.webims.media.rtp.session.OutboundFeedback;
import org.webims.media.rtp.session.OutboundRtpStream;
import org.webims.media.rtp.session.RemotePeerFilter;
import org.webims.media.rtp.session.VideoLossRepair;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SsrcGroup;
import org.webims.media.sdp.negotiation.NegotiatedCodec;
import org.webims.media.sdp.negotiation.NegotiatedCrypto;
import org.webims.media.sdp.negotiation.NegotiatedMedia;
import org.webims.media.sdp.negotiation.OfferAnswerException;
import org.webims.media.srtp.InvalidSrtpKeyException;
import org.webims.media.transport.MediaIoLoop;

/**
 * One media type of an endpoint: its socket pair (kept across renegotiations), the peer filters,
 * the outbound header state, and the receive, send and RTCP paths, which read the negotiated
 * {@link StreamState} published here.
 */
final class RtpStream implements AutoCloseable {

    final RtpEndpoint endpoint;
    final MediaType type;
    final RtpEndpointSettings settings;
    final DatagramChannel rtpChannel;
    final DatagramChannel rtcpChannel;
    final int rtpPort;
    final RemotePeerFilter rtpFilter;
    final RemotePeerFilter rtcpFilter;
    final OutboundRtpStream outbound;
    final StreamCounters counters = new StreamCounters();
    final ReceivePath receive;
    final SendPath send;
    /** DTMF we send as telephone-events; audio streams only. */
    final DtmfOutput dtmf;
    final RtcpSession rtcp;
    /** Answers the peer's NACKs about our video from what the send path cached. */
    final Retransmitter retransmitter;
    volatile StreamState state = StreamState.INACTIVE;
    /**
     * Audio: the ms of media in each packet we send (20, one frame, unless the far end's a=maxprate
     * asks for fewer packets: {@code AudioPacketization}); what a TMMBR's overhead is counted at.
     */
    volatile int sendPtimeMs = 20;
    /** Reads the sockets and sends through them: on the I/O thread batched with its receives (decision 0019). */
    final MediaIoLoop.Registration rtpRegistration;
    final MediaIoLoop.Registration rtcpRegistration;

    private RtpStream(RtpEndpoint endpoint, MediaType type, RtpSocketPair sockets, MediaIoLoop loop, String cname) {
        this.endpoint = endpoint;
        this.type = type;
        this.settings = endpoint.settings();
        this.rtpChannel = sockets.rtp();
        this.rtcpChannel = sockets.rtcp();
        this.rtpPort = sockets.rtpPort();
        this.rtpFilter = new RemotePeerFilter(settings.peerFilter());
        this.rtcpFilter = new RemotePeerFilter(settings.peerFilter());
        this.outbound = new OutboundRtpStream(type == MediaType.AUDIO ? 48000 : 90000, 0);
        this.retransmitter = new Retransmitter(this, outbound.ssrc());
        this.receive = new ReceivePath(this);
        this.send = new SendPath(this);
        this.dtmf = type == MediaType.AUDIO
                ? new DtmfOutput(outbound, send, endpoint.pipeline().engine().scheduler()) : null;
        this.rtcp = new RtcpSession(this, cname);
        // the pipeline's thread: what the call's other endpoint receives is sent from here in the same pass
        this.rtpRegistration = loop.register(rtpChannel, receive, endpoint.pipeline());
        this.rtcpRegistration = loop.register(rtcpChannel, this::onRtcpDatagram, endpoint.pipeline());
    }

    static RtpStream open(RtpEndpoint endpoint, MediaType type, RtpEndpointContext context, String cname)
            throws IOException {
        RtpSocketPair sockets = RtpSocketPair.allocate(context.ports());
        return new RtpStream(endpoint, type, sockets, context.ioLoop(), cname);
    }

    private void onRtcpDatagram(byte[] buffer, int offset, int length, InetSocketAddress from) {
        if (rtcpFilter.accept(from)) {
            rtcp.socketReader.onRtcp(buffer, offset, length, state);
        }
    }

    /**
     * Works out what {@code nm} means for this stream without changing anything, so that a
     * description refused halfway leaves the endpoint as it was.
     */
    StreamState prepare(NegotiatedMedia nm, MediaDescription remote) throws OfferAnswerException {
        if (!nm.accepted() || nm.sendCodec().isEmpty()) {
            return StreamState.INACTIVE;
        }
        InetSocketAddress rtpPeer = peer(nm, nm.remotePort());
        InetSocketAddress rtcpPeer = peer(nm, nm.remoteRtcpPort());
        NegotiatedCodec sendCodec = nm.sendCodec().get();
        MediaFormat sendFormat = PayloadTypeTable.format(type, sendCodec);
        MediaFormat receiveFormat = nm.receiveCodec().map(c -> PayloadTypeTable.format(type, c)).orElse(null);
        MediaFormat teFormat = null;
        int tePt = nm.telephoneEvent().orElse(-1);
        if (tePt >= 0) {
            teFormat = nm.receiveCodec(tePt).map(c -> PayloadTypeTable.format(type, c)).orElse(null);
        }
        var fb = sendCodec.rtcpFeedback();
        // the peer's rtx source and the source it retransmits (RFC 4588 §8.2, RFC 5576 §4.2); else learnt from the stream
        List<SsrcGroup> fid = remote == null ? List.of() : remote.fidPairs();
        int peerMedia = fid.isEmpty() ? 0 : fid.get(0).ssrcs().get(0).intValue();
        int peerRtx = fid.isEmpty() ? 0 : fid.get(0).ssrcs().get(1).intValue();
        return new StreamState(true, nm.direction(), PayloadTypeTable.of(type, nm.receiveCodecs()), receiveFormat,
                sendFormat, sendCodec.payloadType(), PayloadKind.of(sendCodec.encodingName()), teFormat,
                teFormat == null ? -1 : tePt, rtpPeer, rtcpPeer, nm.rtcpMux(), srtp(nm), fb.contains("nack pli"),
                fb.contains("ccm fir"), fb.contains("goog-remb"), fb.contains("ccm tmmbr"), fb.contains("nack"),
                nm.rtxPayloadType(), peerMedia, peerRtx);
    }

    private SdesSrtp srtp(NegotiatedMedia nm) throws OfferAnswerException {
        Optional<NegotiatedCrypto> crypto = nm.crypto();
        if (crypto.isEmpty()) {
            return null;
        }
        SdesSrtp current = state.srtp();
        if (current != null && current.sameKeys(crypto.get())) {
            return current;
        }
        if (crypto.get().remoteMkiLength() != 0) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, nm.index(), "SDES keys with an MKI are not supported");
        }
        try {
            return SdesSrtp.of(crypto.get());
        } catch (InvalidSrtpKeyException e) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, nm.index(), e.getMessage());
        }
    }

    /**
     * The peer's address; null when it gave 0.0.0.0 (RFC 3264 §8.4's old way to hold) or port 0.
     * Only literal addresses are taken: a host name would need a blocking DNS lookup here.
     */
    private static InetSocketAddress peer(NegotiatedMedia nm, int port) throws OfferAnswerException {
        String address = nm.remoteAddress();
        if (address == null) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, nm.index(), "no c= connection address");
        }
        if (!isLiteral(address)) {
            throw new OfferAnswerException(SdpWarning.INCOMPATIBLE_TRANSPORT, nm.index(),
                    "connection address " + address + " is not an IP address");
        }
        try {
            InetAddress ip = InetAddress.getByName(address);
            return ip.isAnyLocalAddress() || port == 0 ? null : new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new OfferAnswerException(SdpWarning.INCOMPATIBLE_TRANSPORT, nm.index(),
                    "connection address " + address + " is not an IP address");
        }
    }

    private static boolean isLiteral(String address) {
        if (address.indexOf(':') >= 0) {
            return address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /**
     * Publishes a prepared state: peer filters first, then the state the paths read. A strict
     * stream's RTP socket follows its peer: connected to the negotiated address (unconnected while
     * there is none), so the kernel drops anyone else's datagrams and our sends to the peer take the
     * socket's cached route (decision 0046); the filter stays as well (it also guards the selector's
     * moment between the old connection and the new). A latching stream stays unconnected: its peer
     * is whoever sends first. RTCP's own socket (without rtcp-mux) stays unconnected: its filter
     * does the same for a packet every few seconds.
     */
    void publish(StreamState next) {
        StreamState previous = state;
        if (!Objects.equals(previous.rtpPeer(), next.rtpPeer())) {
            if (rtpFilter.mode() == RemotePeerFilter.Mode.STRICT) {
                rtpRegistration.connect(next.rtpPeer());
            }
            rtpFilter.expect(next.rtpPeer());
        }
        if (!Objects.equals(previous.rtcpPeer(), next.rtcpPeer())) {
            rtcpFilter.expect(next.rtcpPeer());
        }
        if (next.sendFormat() != null) {
            outbound.changeFormat(next.sendFormat().clockRate(), next.sendPayloadType());
        }
        retransmitter.configure(next);
        send.keepFor(retransmitter.cache());
        state = next;
        if (next.active()) {
            rtcp.start(endpoint.pipeline().engine().scheduler());
        }
    }

    /** Where RTCP goes: the RTP socket and peer with rtcp-mux, else RTP+1 on both sides. */
    boolean sendRtcp(ByteBuffer packet, StreamState st) {
        MediaIoLoop.Registration channel = st.rtcpMux() ? rtpRegistration : rtcpRegistration;
        InetSocketAddress to = st.rtcpMux() ? rtpFilter.peer() : rtcpFilter.peer();
        if (to == null) {
            return false;
        }
        try {
            return channel.send(packet, to) > 0;
        } catch (IOException e) {
            counters.sendErrors++;
            return false;
        }
    }

    void putStats(Map<String, Long> out) {
        String p = type.name().toLowerCase(java.util.Locale.ROOT) + ".";
        counters.putInto(p, out);
        out.put(p + "localRtpPort", (long) rtpPort);
        out.put(p + "rejectedByPeerFilter", rtpFilter.rejected() + rtcpFilter.rejected());
        SdesSrtp srtp = state.srtp();
        out.put(p + "srtpAuthFailures", srtp == null ? 0 : srtp.authFailures());
        out.put(p + "srtpReplayed", srtp == null ? 0 : srtp.replayed());
        RtpReceptionStats rs = receive.stats();
        if (rs != null) {
            out.put(p + "packetsLost", (long) rs.cumulativeLost());
            out.put(p + "jitter", rs.jitter());
            out.put(p + "packetsExpected", rs.expected());
        }
        OutboundFeedback fb = rtcp.feedback;
        out.put(p + "remoteFractionLost", (long) fb.fractionLost());
        out.put(p + "remotePacketsLost", (long) fb.packetsLost());
        out.put(p + "remoteJitter", fb.jitter());
        out.put(p + "roundTripMillis", fb.roundTripMillis());
        out.put(p + "firReceived", fb.firCount());
        out.put(p + "pliReceived", fb.pliCount());
        out.put(p + "nackReceived", fb.nackCount());
        out.put(p + "rembReceived", fb.remb());
        out.put(p + "ssrc", outbound.ssrc() & 0xFFFFFFFFL);
        if (dtmf != null) {
            dtmf.putStats(p, out);
        }
        if (type == MediaType.VIDEO) {
            retransmitter.putStats(p, out);
            VideoLossRepair r = receive.repair();
            if (r != null) {
                out.put(p + "nackedPackets", r.nacks.packetsAsked());
                out.put(p + "repairedPackets", r.nacks.repaired());
                out.put(p + "lossGivenUp", r.nacks.givenUp());
                out.put(p + "rtxRestored", r.rtxRepaired());
                out.put(p + "rtxDuplicates", r.rtxUnneeded());
                out.put(p + "rtxPaddingOnly", r.rtxPaddingOnly());
            }
        }
    }

    /** Our stream as the peer sees it, null while we have sent nothing on it. */
    OutboundRtpStats outboundStats() {
        long sent = counters.rtpSent;
        if (sent == 0) {
            return null;
        }
        return OutboundRtpStats.of(outbound.ssrc(), type, sent, outbound.octetsSent(), rtcp.feedback,
                outbound.clockRate());
    }

    /**
     * The peer's stream as we receive it, null before any of it arrived: the loss and jitter as of
     * now (RFC 3550 A.3, A.8), the fraction lost of our last receiver report, the keyframe requests we
     * and generic NACKs we sent for it. A packet repaired by retransmission counts as received (decision 0067).
     */
    InboundRtpStats inboundStats() {
        RtpReceptionStats rs = receive.stats();
        MediaFormat format = state.receiveFormat();
        if (rs == null) {
            return null;
        }
        int clockRate = format == null ? 0 : format.clockRate();
        return new InboundRtpStats(rs.ssrc(), type, rs.received(), counters.payloadBytesReceived, rs.cumulativeLost(),
                rtcp.reportedFractionLost() / 256.0, clockRate > 0 ? (double) rs.jitter() / clockRate : 0.0,
                counters.firsSent, counters.plisSent, counters.nacksSent,
                format == null ? "" : format.encoding() + "/" + format.clockRate());
    }

    /** Sends a BYE if the stream was live, then stops reading and frees both ports. */
    @Override
    public void close() {
        if (dtmf != null) {
            dtmf.close();
        }
        receive.close();
        rtcp.stop(state.active());
        state = StreamState.INACTIVE;
        rtpRegistration.close();
        rtcpRegistration.close();
    }
}
