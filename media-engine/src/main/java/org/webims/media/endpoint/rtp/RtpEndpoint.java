package org.webims.media.endpoint.rtp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.endpoint.BaseRtpEndpoint;
import org.webims.media.endpoint.DtmfEndpoint;
import org.webims.media.endpoint.PeerStates;
import org.webims.media.endpoint.RtcpPresence;
import org.webims.media.endpoint.rtp.path.DtmfOutput;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaLimitException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PadCounters;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.pipeline.event.FormatChosen;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.bandwidth.AudioPacketization;
import org.webims.media.sdp.bandwidth.PacketOverhead;
import org.webims.media.sdp.bandwidth.RtcpBandwidth;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.bandwidth.SendCeiling;
import org.webims.media.sdp.negotiation.LocalTransport;
import org.webims.media.sdp.negotiation.NegotiatedMedia;
import org.webims.media.sdp.negotiation.OfferAnswerException;

/**
 * Kurento's RtpEndpoint: RTP (and SDES-SRTP) with one peer, an audio and a video m-line,
 * negotiated by {@link #generateOffer}/{@link #processAnswer} or {@link #processOffer}. Media
 * received from the peer leaves the source pads in the negotiated receive format; what reaches the
 * sink pads is sent in the negotiated send format (the pipeline puts a transcoder in front when
 * the feed differs). A renegotiation keeps the sockets. Sockets come from the engine's port
 * allocator and are read by its shared I/O loop; timers run on the engine scheduler.
 */
public final class RtpEndpoint extends MediaElement implements DtmfEndpoint, BaseRtpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(RtpEndpoint.class);

    private final RtpEndpointContext context;
    private final RtpEndpointSettings settings;
    private final SdpSession sdp;
    private final String cname = UUID.randomUUID().toString();
    private volatile RtpStream audio;
    private volatile RtpStream video;
    private final Map<MediaType, Long> timedOutAt = new EnumMap<>(MediaType.class);
    private ScheduledFuture<?> timeoutCheck;
    private Duration mediaTimeout;
    private final PeerStates peerStates = new PeerStates(this, this::emit);
    private final RtcpPresence rtcpPresence = new RtcpPresence();

    public RtpEndpoint(MediaPipeline pipeline, RtpEndpointContext context, RtpEndpointSettings settings) {
        super(pipeline, "RtpEndpoint");
        this.context = context;
        this.settings = settings;
        this.sdp = new SdpSession(settings, context.advertisedAddress(), cname, media -> {
            MediaType type = typeOf(media);
            RtpStream s = type == null ? null : stream(type);
            return s == null ? null : new int[] {s.outbound.ssrc(), s.retransmitter.rtxSsrc()};
        });
        for (MediaType type : MediaType.values()) {
            addSourcePad(type, new Upstream(type));
            addSinkPad(type, packet -> {
                RtpStream s = stream(type);
                if (s != null) {
                    s.send.accept(packet);
                }
            });
        }
        sinkPad(MediaType.VIDEO).setBitrateFloor(settings.bandwidths().minVideoSendKbps() * 1000L);
    }

    public RtpEndpointSettings settings() {
        return settings;
    }

    @Override
    public PeerStates peerStates() {
        return peerStates;
    }

    /** Media state: CONNECTED while the peer is in the RTP session by its RTCP, as Kurento's is (decision 0083). */
    @Override
    protected void flowChecked() {
        peerStates.media(rtcpPresence.active(this, System.nanoTime()));
    }

    /** The peer's reports and BYEs, which {@link RtcpSession}'s readers note. */
    RtcpPresence rtcpPresence() {
        return rtcpPresence;
    }

    /** Our SDP offer (a re-offer once negotiated) of the media the settings offer; {@link #processAnswer} takes the reply. */
    public synchronized String generateOffer() {
        return offer(sdp::offer);
    }

    /**
     * Our SDP offer of {@code media} this time, whatever the settings offer: a re-offer that adds
     * a medium the session did not have, or drops one with port 0 (RFC 3264 §8.1, §8.2), as the
     * other side of a call asked. Media we have no codec for are left out.
     */
    public synchronized String generateOffer(java.util.Set<MediaType> media) {
        return offer(transport -> sdp.offer(transport, media));
    }

    private String offer(java.util.function.Function<LocalTransport, SdpSession.Outcome> make) {
        checkNotReleased();
        List<RtpStream> created = new ArrayList<>();
        try {
            SdpSession.Outcome outcome = make.apply(transport(created));
            sdp.commit(outcome);
            return sdp.localDescription();
        } catch (RuntimeException e) {
            closeAll(created);
            throw e;
        }
    }

    /**
     * Answers a peer's offer and applies it. A refused offer (unparsable, or nothing acceptable)
     * throws and leaves the endpoint as it was.
     */
    public synchronized String processOffer(String offer) throws SdpNegotiationException {
        checkNotReleased();
        List<RtpStream> created = new ArrayList<>();
        try {
            SdpSession.Outcome outcome = sdp.answer(offer, transport(created));
            apply(outcome);
            sdp.commit(outcome);
            return sdp.localDescription();
        } catch (SdpNegotiationException | RuntimeException e) {
            closeAll(created);
            throw e;
        }
    }

    /** Applies the answer to our last offer; a bad answer throws and changes nothing. */
    public synchronized void processAnswer(String answer) throws SdpNegotiationException {
        checkNotReleased();
        SdpSession.Outcome outcome = sdp.processAnswer(answer);
        apply(outcome);
        sdp.commit(outcome);
    }

    /** The last description we made (offer or answer), or null. */
    public synchronized String getLocalSessionDescriptor() {
        return sdp.localDescription();
    }

    /** The last description the peer sent, or null. */
    public synchronized String getRemoteSessionDescriptor() {
        return sdp.remoteDescription();
    }

    /**
     * The b= lines of our next offer or answer and the bound on what we send from the next
     * negotiation on, as Kurento's maxVideoRecvBandwidth and kin take effect.
     */
    public synchronized void setBandwidths(SdpBandwidths value) {
        sdp.bandwidths(java.util.Objects.requireNonNull(value, "bandwidths"));
        sinkPad(MediaType.VIDEO).setBitrateFloor(value.minVideoSendKbps() * 1000L); // kms: at once, not per offer
    }

    public synchronized SdpBandwidths bandwidths() {
        return sdp.bandwidths();
    }

    /**
     * The direction we want for a media type in our next offer or answer: SENDONLY or INACTIVE
     * to put the peer on hold (RFC 3264 §8.4), SENDRECV to resume.
     */
    public synchronized void setDirection(MediaType type, Direction direction) {
        sdp.direction(type, direction);
    }

    /**
     * Raises {@link MediaTimeout} once when no RTP has arrived for {@code timeout} on a stream
     * that had received some; null or zero turns it off. Independent of the engine's flow events.
     */
    public synchronized void setMediaTimeout(Duration timeout) {
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
            timeoutCheck = null;
        }
        mediaTimeout = timeout;
        if (timeout == null || timeout.isZero() || timeout.isNegative() || isReleased()) {
            return;
        }
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(timeout.toNanos() / 4, TimeUnit.SECONDS.toNanos(1)));
        timeoutCheck = pipeline().engine().scheduler().scheduleWithFixedDelay(this::checkMediaTimeout, period,
                period, TimeUnit.NANOSECONDS);
    }

    private void checkMediaTimeout() {
        Duration timeout = mediaTimeout;
        if (timeout == null) {
            return;
        }
        long now = System.nanoTime();
        for (MediaType type : MediaType.values()) {
            RtpStream s = stream(type);
            long last = s == null ? 0 : s.receive.lastRtpNanos();
            if (last != 0 && now - last >= timeout.toNanos() && !Long.valueOf(last).equals(timedOutAt.get(type))) {
                timedOutAt.put(type, last);
                LOG.atDebug().addKeyValue("endpoint", id()).addKeyValue("media", type).log("RTP timeout");
                raise(new MediaTimeout(this, type, timeout));
            }
        }
    }

    /**
     * Sends a digit to the peer as RFC 4733 telephone-events in our audio stream, at the
     * negotiated payload type and clock rate, after the digits already queued.
     */
    @Override
    public boolean sendDtmf(char digit, int durationMs) {
        DtmfOutput.checkedEvent(digit, durationMs);
        RtpStream s = stream(MediaType.AUDIO);
        boolean queued = s != null && s.dtmf.send(digit, durationMs);
        LOG.atDebug().addKeyValue("endpoint", id()).addKeyValue("digit", digit).addKeyValue("durationMs", durationMs)
                .addKeyValue("queued", queued).log("DTMF to send");
        return queued;
    }

    /**
     * Counters by name: per pad ({@code sink.AUDIO.packets}; for a source pad also what its links
     * asked upstream, {@code source.VIDEO.keyframeRequestsCoalesced}), and per stream ({@code audio.*}):
     * RTP/RTCP in and out, packets lost and jitter (RFC 3550 A.3, A.8), what the peer reports
     * about us, packets refused by the peer filter, malformed packets, unknown payload types and
     * SRTP authentication failures.
     */
    public Map<String, Long> getStats() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, PadCounters.Snapshot> e : padStats().entrySet()) {
            out.put(e.getKey() + ".packets", e.getValue().packets());
            out.put(e.getKey() + ".bytes", e.getValue().bytes());
            out.put(e.getKey() + ".dropped", e.getValue().dropped());
        }
        out.putAll(upstreamStats());
        for (MediaType type : MediaType.values()) {
            RtpStream s = stream(type);
            if (s != null) {
                s.putStats(out);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Our streams to the peer that have sent anything, with what the peer's receiver reports and
     * feedback say about each (RFC 3550 §6.4.1, RFC 4585 §6.2.1, §6.3.1, RFC 5104 §4.3.1).
     */
    public List<OutboundRtpStats> outboundStreams() {
        return perStream(RtpStream::outboundStats);
    }

    /** The peer's streams that have reached us, as Kurento's RTCInboundRTPStreamStats shows them. */
    public List<InboundRtpStats> inboundStreams() {
        return perStream(RtpStream::inboundStats);
    }

    private <T> List<T> perStream(java.util.function.Function<RtpStream, T> stats) {
        List<T> out = new ArrayList<>(2);
        for (MediaType type : MediaType.values()) {
            RtpStream s = stream(type);
            T t = s == null ? null : stats.apply(s);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** The local RTP port of a media type, or -1 before it has one. */
    public int localRtpPort(MediaType type) {
        RtpStream s = stream(type);
        return s == null ? -1 : s.rtpPort;
    }

    @Override
    protected void onRelease() {
        synchronized (this) {
            if (timeoutCheck != null) {
                timeoutCheck.cancel(false);
            }
            closeAll(List.of());
        }
    }

    // --- negotiation ---------------------------------------------------------------------------

    /** Hands out our RTP port for an m-line, opening the stream (sockets) on first use. */
    private LocalTransport transport(List<RtpStream> created) {
        return (index, media) -> {
            MediaType type = "video".equals(media) ? MediaType.VIDEO : MediaType.AUDIO;
            RtpStream s = stream(type);
            if (s == null) {
                try {
                    s = RtpStream.open(this, type, context, cname);
                } catch (IOException e) {
                    throw new MediaLimitException("no RTP ports for " + media + ": " + e.getMessage());
                }
                created.add(s);
                setStream(type, s);
            }
            return new LocalTransport.Address(context.advertisedAddress(), s.rtpPort);
        };
    }

    /**
     * Prepares every stream's new state (may refuse), then publishes all of them and updates the
     * pads. Plain RTP has no handshake: the connection is up while a stream has a peer to send to.
     */
    private void apply(SdpSession.Outcome outcome) throws SdpNegotiationException {
        Map<MediaType, StreamState> next = new EnumMap<>(MediaType.class);
        Map<MediaType, Long> bounds = new EnumMap<>(MediaType.class);
        Map<MediaType, MediaDescription> lines = new EnumMap<>(MediaType.class);
        List<MediaDescription> remote = outcome.remote() == null ? List.of() : outcome.remote().media();
        boolean ipv6 = false;
        for (NegotiatedMedia nm : outcome.media()) {
            MediaType type = typeOf(nm.media());
            RtpStream s = type == null ? null : stream(type);
            if (s == null || next.containsKey(type) && next.get(type).active()) {
                continue; // not audio/video, or a second m-line of a type already carried
            }
            MediaDescription md = nm.index() < remote.size() ? remote.get(nm.index()) : null;
            try {
                StreamState st = s.prepare(nm, md);
                next.put(type, st);
                bounds.put(type, SendBound.of(type, st, nm.remoteAddress(), md, sdp.bandwidths()));
                if (md != null) {
                    lines.put(type, md);
                }
                ipv6 |= PacketOverhead.isIpv6(nm.remoteAddress());
            } catch (OfferAnswerException e) {
                throw new SdpNegotiationException(e);
            }
        }
        if (outcome.remote() != null) {
            SendBound.share(outcome.remote(), next, lines, bounds, ipv6);
        }
        bounds.forEach((type, bound) -> {
            if (bound == 0) {
                next.computeIfPresent(type, (t, st) -> st.sendingNothing());
            }
        });
        for (MediaType type : MediaType.values()) {
            RtpStream s = stream(type);
            if (s == null) {
                continue;
            }
            StreamState st = next.getOrDefault(type, StreamState.INACTIVE);
            MediaDescription md = lines.get(type);
            s.rtcp.peerRtcpBandwidth(md == null ? RtcpBandwidth.NONE_STATED : RtcpBandwidth.of(outcome.remote(), md));
            s.publish(st);
            sinkPad(type).setBitrateCeiling(Math.max(0, bounds.getOrDefault(type, SendCeiling.NONE)));
            MediaFormat send = packetized(outcome.remote(), md, st.sendFormat(), s);
            sinkPad(type).setAcceptedFormats(st.telephoneEventFormat() == null || send == null
                    ? (send == null ? List.of() : List.of(send))
                    : List.of(send, st.telephoneEventFormat()));
            sourcePad(type).setFormat(st.receiveFormat());
            if (st.receives() && st.receiveFormat() != null) {
                emit(new FormatChosen(this, type, FormatChosen.Direction.RECEIVE, st.receiveFormat()));
            }
            if (st.sends()) {
                emit(new FormatChosen(this, type, FormatChosen.Direction.SEND, st.sendFormat()));
            }
            LOG.atDebug().addKeyValue("endpoint", id()).addKeyValue("media", type)
                    .addKeyValue("direction", st.direction()).addKeyValue("send", st.sendFormat())
                    .addKeyValue("peer", st.rtpPeer()).addKeyValue("srtp", st.srtp() != null)
                    .log("media negotiated");
        }
        boolean connected = false;
        for (MediaType type : MediaType.values()) {
            RtpStream s = stream(type);
            connected |= s != null && s.state.active() && s.state.rtpPeer() != null;
        }
        peerStates.connection(connected);
    }

    /**
     * The format our sink pad takes for {@code stream}: for AMR-WB or Opus toward a far end whose
     * a=maxprate is under our 50 packets a second, several frames a packet (RFC 4867 §4.1; RFC 7587
     * §4.2 up to 120 ms; RFC 3890 §6.4), named to the encoder as {@code ptime} (as GStreamer's RTP caps carry it beside the fmtp;
     * not a payload parameter, so a relay is unaffected). What a TMMBR's overhead is counted at, too.
     */
    private static MediaFormat packetized(SessionDescription remote, MediaDescription md, MediaFormat send,
            RtpStream stream) {
        boolean chained = send != null && ("AMR-WB".equalsIgnoreCase(send.encoding())
                || "opus".equalsIgnoreCase(send.encoding()));
        int frames = chained && md != null ? AudioPacketization.framesPerPacket(remote, md) : 1;
        stream.sendPtimeMs = AudioPacketization.FRAME_MS * frames;
        return frames > 1 ? send.with(AudioPacketization.PTIME, Integer.toString(stream.sendPtimeMs)) : send;
    }

    /** RFC 5104 §4.2.1.2: a TMMBR stays within what we declared, our video b=AS when we wrote one. */
    private long mostVideoTaken() {
        long declared = sdp.bandwidths().maxVideoRecvKbps() * 1000L;
        return declared > 0 ? Math.min(declared, settings.maxVideoBitrate()) : settings.maxVideoBitrate();
    }

    private static MediaType typeOf(String media) {
        return switch (media.toLowerCase(Locale.ROOT)) {
            case "audio" -> MediaType.AUDIO;
            case "video" -> MediaType.VIDEO;
            default -> null;
        };
    }

    // --- streams -------------------------------------------------------------------------------

    RtpStream stream(MediaType type) {
        return type == MediaType.AUDIO ? audio : video;
    }

    private void setStream(MediaType type, RtpStream s) {
        if (type == MediaType.AUDIO) {
            audio = s;
        } else {
            video = s;
        }
    }

    /** Closes the given streams (a failed negotiation's), or every stream when the list is empty. */
    private void closeAll(List<RtpStream> which) {
        for (MediaType type : MediaType.values()) {
            RtpStream s = stream(type);
            if (s != null && (which.isEmpty() || which.contains(s))) {
                setStream(type, null);
                s.close();
            }
        }
    }

    private void checkNotReleased() {
        if (isReleased()) {
            throw new IllegalStateException(id() + " has been released");
        }
    }

    void raise(MediaEvent event) {
        emit(event);
    }

    /** Requests travelling against the media, from what we feed, to the peer that sends to us. */
    private final class Upstream implements UpstreamControl {
        private final MediaType type;

        Upstream(MediaType type) {
            this.type = type;
        }

        @Override
        public void requestKeyframe() {
            RtpStream s = stream(type);
            if (s != null && type == MediaType.VIDEO) {
                s.rtcp.requestKeyframe();
            }
        }

        @Override
        public void limitBitrate(long bitsPerSecond) {
            RtpStream s = stream(type);
            if (s == null) {
                return;
            }
            MediaFormat receiving = s.state.receiveFormat();
            if (receiving != null && PayloadKind.of(receiving.encoding()) == PayloadKind.AMR_WB) {
                s.send.requestAmrWbBitrate(bitsPerSecond); // RFC 4867 §4.3.1: CMR in what we send
            } else {
                s.rtcp.limitBitrate(bitsPerSecond);
            }
        }

        /**
         * Video: our REMB/TMMBR at the most we take. AMR-WB: the CMR in what we send goes back to no
         * request, by way of the mode-set's highest mode (decision 0087). Other audio has no maximum to send.
         */
        @Override
        public void liftBitrateLimit() {
            RtpStream s = stream(type);
            if (s == null) {
                return;
            }
            if (type == MediaType.VIDEO) {
                s.rtcp.limitBitrate(mostVideoTaken());
                return;
            }
            MediaFormat receiving = s.state.receiveFormat();
            if (receiving != null && PayloadKind.of(receiving.encoding()) == PayloadKind.AMR_WB) {
                // RFC 4867 §8.1: the mode-set binds both directions, so the phone's top mode is its own
                s.send.liftAmrWbRequest(AmrWbFrameType.highestMode(
                        AmrWbFrameType.modeSet(receiving.parameter("mode-set", null))));
            }
        }
    }
}
