package org.webims.webrtc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.endpoint.BaseRtpEndpoint;
import org.webims.media.endpoint.DtmfEndpoint;
import org.webims.media.endpoint.PeerStates;
import org.webims.media.endpoint.RtcpPresence;
import org.webims.media.endpoint.rtp.DtmfReceived;
import org.webims.media.endpoint.rtp.path.DtmfOutput;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.pipeline.event.FormatChosen;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;
import org.webims.media.sdp.Candidate;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpParser;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.bandwidth.RtcpBandwidth;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.bandwidth.SendCeiling;
import org.webims.media.sdp.bandwidth.SessionShare;
import org.webims.media.srtp.DtlsSrtpKeys;
import org.webims.media.srtp.SrtpProfile;
import org.webims.webrtc.congestion.SendTimeHistory;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.IceCandidateFound;
import org.webims.webrtc.event.IceCandidateInfo;
import org.webims.webrtc.event.IceCandidatePair;
import org.webims.webrtc.event.IceComponentStateChanged;
import org.webims.webrtc.event.IceGatheringDone;
import org.webims.webrtc.event.NewCandidatePairSelected;
import org.webims.webrtc.event.PeerLeft;
import org.webims.webrtc.ice.IceCandidate;
import org.webims.webrtc.ice.IceCredentials;
import org.webims.webrtc.ice.IceLiteAgent;
import org.webims.webrtc.ice.IceState;
import org.webims.webrtc.media.OutboundMediaStream;
import org.webims.webrtc.media.RtcpOut;
import org.webims.webrtc.media.WebRtcMediaSession;
import org.webims.webrtc.sdp.LocalIdentity;
import org.webims.webrtc.sdp.Negotiation;
import org.webims.webrtc.sdp.SessionPlan;
import org.webims.webrtc.sdp.WebRtcCodecs;
import org.webims.webrtc.sdp.WebRtcDescriptionWriter;
import org.webims.webrtc.sdp.WebRtcSdpException;
import org.webims.webrtc.sdp.WebRtcSdpNegotiator;
import org.webims.webrtc.transport.BundleCounters;
import org.webims.webrtc.transport.BundlePort;

/**
 * Kurento's WebRtcEndpoint: a browser's peer connection as a pipeline element with an audio and
 * a video pad each way. One bundled transport carries everything (BUNDLE, rtcp-mux) on a UDP port
 * per web interface (a host candidate each, RFC 8445 §5.1.1.1), media over the one pair the browser
 * nominates; we are an ICE-lite agent (decision 0008) and do DTLS-SRTP in the role the SDP gives
 * (RFC 8842). SDP works both ways ({@link #processOffer}; {@link #generateOffer} then
 * {@link #processAnswer}); renegotiation and ICE restart keep the ports and the DTLS association.
 */
public final class WebRtcEndpoint extends MediaElement implements DtmfEndpoint, BaseRtpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcEndpoint.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Kurento names the one bundled stream and its one component (rtcp-mux) like this. */
    private static final String STREAM_ID = "1";
    private static final int KEPT_REMOTE_CANDIDATES = 32;

    private final WebRtcEndpointContext context;
    private final WebRtcEndpointSettings settings;
    private final IceLiteAgent ice;
    private final BundlePort port;
    /** Our sockets' candidates; guarded by this. */
    private final LocalCandidates candidates;
    private boolean gathered;
    private final WebRtcDescriptionWriter writer;
    private final PeerStates peerStates = new PeerStates(this, this::emit);
    private final RtcpPresence rtcpPresence = new RtcpPresence();
    private final AtomicBoolean peerLeft = new AtomicBoolean();
    private WebRtcSdpNegotiator negotiator;
    private final WebRtcMediaSession media;
    private final OutboundMediaStream audioOut;
    private final ScheduledFuture<?> consentCheck;
    private volatile DtlsSession dtls;
    private volatile SessionPlan plan;
    private long remoteCandidates;
    /** The browser's trickled candidates, the first {@link #KEPT_REMOTE_CANDIDATES}, for getStats' candidate types. */
    private final List<Candidate> trickled = new ArrayList<>();
    private volatile String remoteFingerprint;

    public WebRtcEndpoint(MediaPipeline pipeline, WebRtcEndpointContext context, WebRtcEndpointSettings settings)
            throws IOException {
        super(pipeline, "WebRtcEndpoint");
        this.context = context;
        this.settings = settings;
        List<DatagramChannel> channels = new ArrayList<>(context.interfaces().size());
        int[] ports = new int[context.interfaces().size()];
        try {
            for (WebRtcEndpointContext.WebInterface web : context.interfaces()) {
                DatagramChannel channel = web.ports().allocateEven(); // each interface its own allocator and port
                ports[channels.size()] = ((InetSocketAddress) channel.getLocalAddress()).getPort();
                channels.add(channel);
            }
            this.candidates = new LocalCandidates(context.interfaces(), ports);
            this.ice = new IceLiteAgent(IceCredentials.generate(), settings.consentTimeout(), new IceEvents());
            this.port = new BundlePort(channels, ice, new Demuxed());
            LocalIdentity identity = LocalIdentity.generate(RANDOM);
            AtomicInteger transportSequence = new AtomicInteger(RANDOM.nextInt(0x10000));
            SendTimeHistory sendTimes = new SendTimeHistory();
            OutboundMediaStream audioOut = new OutboundMediaStream(identity.audioSsrc(), 0, port, transportSequence,
                    sendTimes);
            OutboundMediaStream videoOut = new OutboundMediaStream(identity.videoSsrc(), identity.videoRtxSsrc(), port,
                    transportSequence, sendTimes);
            addSourcePad(MediaType.AUDIO, UpstreamControl.NONE);
            addSourcePad(MediaType.VIDEO, new UpstreamControl() {
                @Override public void requestKeyframe() { media.requestKeyframe(); }
                // Kurento's minVideoRecvBandwidth: the least REMB we send the browser
                @Override public void limitBitrate(long bitsPerSecond) {
                    media.limitBitrate(Math.max(bitsPerSecond, writer.bandwidths().minVideoRecvKbps() * 1000L));
                }
                // no sink limits any more: the next REMB carries our ceiling again
                @Override public void liftBitrateLimit() { media.limitBitrate(mostVideoTaken()); }
            });
            addSinkPad(MediaType.AUDIO, audioOut);
            addSinkPad(MediaType.VIDEO, videoOut);
            this.media = new WebRtcMediaSession(audioOut, videoOut,
                    new RtcpOut(port, identity.audioSsrc(), settings.keyframeRequestInterval().toNanos()),
                    settings.maxVideoBitrate(), sourcePad(MediaType.AUDIO), sourcePad(MediaType.VIDEO),
                    sinkPad(MediaType.AUDIO), sinkPad(MediaType.VIDEO), this::dtmfHeard, sendTimes, settings.sendBitrate(),
                    rtcpPresence);
            audioOut.enableDtmf(pipeline.engine().scheduler());
            this.audioOut = audioOut;
            this.writer = new WebRtcDescriptionWriter(identity, context.certificate().fingerprint());
            this.negotiator = newNegotiator();
            long limitTimeout = limitTimeoutNanos(settings);
            this.consentCheck = pipeline.engine().scheduler().scheduleWithFixedDelay(() -> {
                long now = System.nanoTime();
                ice.checkConsent(now);
                media.expireSilentLimits(now, limitTimeout);
            }, 1, 1, TimeUnit.SECONDS);
            port.start(context.ioLoop(), pipeline, media.input());
        } catch (IOException | RuntimeException | Error e) {
            abandon(channels);
            throw e;
        }
    }

    /** The first open socket's address and port are the SDP's c= and m= lines. */
    private WebRtcSdpNegotiator newNegotiator() {
        return new WebRtcSdpNegotiator(writer, IceCredentials::generate, ice.localCredentials(), candidates.advertised(),
                candidates.port(candidates.firstOpen()), candidates.announced());
    }

    /**
     * Keeps the sockets of the web interfaces at {@code indexes} (of the context's list) and
     * closes the others, before the endpoint offers, answers or gathers (Kurento's
     * {@code networkInterfaces}): what it has announced cannot be taken back.
     *
     * @throws IllegalArgumentException for no index or one out of range
     * @throws IllegalStateException once the endpoint offered, answered or gathered
     */
    public synchronized void keepInterfaces(java.util.Set<Integer> indexes) {
        requireUnannounced("network interfaces");
        candidates.keepOnly(indexes, port::closeSocket);
        negotiator = newNegotiator();
    }

    /**
     * Advertises {@code address} in place of the bind address of each socket of its family, and as
     * the c= line where the first socket is of it (Kurento's {@code externalIPv4}/{@code externalIPv6}:
     * a public address known in advance, which kms puts in its host candidates; decision 0083). A
     * public address configured for the node's web interface is still offered beside it. {@code ipv6}
     * with a null address clears that family's.
     *
     * @throws IllegalArgumentException for an address of the other family
     * @throws IllegalStateException once the endpoint offered, answered or gathered
     */
    public synchronized void setExternalAddress(boolean ipv6, InetAddress address) {
        requireUnannounced(ipv6 ? "externalIPv6" : "externalIPv4");
        candidates.external(ipv6, address);
        negotiator = newNegotiator();
    }

    /** The external address of a family, or null. */
    public synchronized InetAddress externalAddress(boolean ipv6) {
        return candidates.external(ipv6);
    }

    /** Indexes of the web interfaces whose sockets are open. */
    public synchronized java.util.Set<Integer> keptInterfaces() {
        return candidates.openSockets();
    }

    private void requireUnannounced(String what) {
        if (gathered || negotiator.localDescription() != null) {
            throw new IllegalStateException(what + " must be set before the endpoint offers, answers or gathers"
                    + " candidates: its candidates are announced");
        }
    }

    /**
     * A constructor that failed half-way (say the engine's scheduler shut down meanwhile, or the
     * second interface's range is full): the element is already in its pipeline, so it is released
     * there, and every port it had taken is freed.
     */
    private void abandon(List<DatagramChannel> channels) {
        try {
            release();
        } finally {
            if (port == null) {
                for (DatagramChannel channel : channels) {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        LOG.debug("closing a port of an endpoint that failed to start", e);
                    }
                }
            }
        }
    }

    /** Answers the browser's offer (first or re-offer); the answer is what the browser's setRemoteDescription takes. */
    public synchronized String processOffer(String offer) throws WebRtcSdpException {
        Negotiation n = negotiator.processOffer(offer, WebRtcCodecs.audio(org.webims.media.sdp.Direction.SENDRECV),
                WebRtcCodecs.video(org.webims.media.sdp.Direction.SENDRECV));
        apply(n);
        return n.localSdp();
    }

    /** Our offer, for the browser's setRemoteDescription; its answer goes to {@link #processAnswer}. */
    public synchronized String generateOffer() {
        return generateOffer(java.util.Set.of());
    }

    /**
     * As {@link #generateOffer()}, with the media in {@code dropped} rejected (port 0, RFC 3264
     * §8.2) where the session has them, left out where it has not: the other leg dropped them.
     */
    public synchronized String generateOffer(java.util.Set<MediaType> dropped) {
        java.util.Set<String> names = new java.util.HashSet<>();
        dropped.forEach(t -> names.add(t == MediaType.VIDEO ? "video" : "audio"));
        return negotiator.generateOffer(WebRtcCodecs.audio(settings.offerAudio()),
                WebRtcCodecs.video(settings.offerVideo()), names);
    }

    /**
     * The b= lines of our next offer or answer (Kurento's maxVideoRecvBandwidth: b=AS and b=TIAS on
     * video, which a browser honours as a cap on what it sends) and our own bound on what we send it.
     */
    public synchronized void setBandwidths(SdpBandwidths value) {
        writer.bandwidths(value);
        sinkPad(MediaType.VIDEO).setBitrateFloor(value.minVideoSendKbps() * 1000L); // kms: at once, not per offer
    }

    public synchronized SdpBandwidths bandwidths() {
        return writer.bandwidths();
    }

    /** Whether {@link #generateOffer} made an offer that no answer has yet taken. */
    public synchronized boolean isOfferPending() {
        return negotiator.offerPending();
    }

    public synchronized void processAnswer(String answer) throws WebRtcSdpException {
        apply(negotiator.processAnswer(answer));
    }

    public synchronized String getLocalSessionDescriptor() { return negotiator.localDescription(); }
    public synchronized String getRemoteSessionDescriptor() { return negotiator.remoteDescription(); }

    private void apply(Negotiation n) {
        if (n.iceRestart()) {
            ice.restart(n.localIce());
        }
        SessionPlan p = n.plan();
        plan = p;
        remoteFingerprint = n.remote().fingerprint();
        media.apply(p);
        SessionDescription remote = parsedRemoteDescription();
        media.peerRtcpBandwidth(remote == null ? RtcpBandwidth.NONE_STATED : RtcpBandwidth.of(remote,
                remote.media().stream().filter(m -> !m.isRejected() && !m.media().equals("application")).toList()));
        for (MediaType type : MediaType.values()) {
            Optional<MediaFormat> receive = p.media(type).filter(m -> m.receives()).flatMap(m -> p.firstReceiveFormat(type));
            sourcePad(type).setFormat(p.firstReceiveFormat(type).orElse(null));
            Optional<MediaFormat> send = p.media(type).filter(m -> m.sends()).flatMap(m -> m.sendFormat());
            sinkPad(type).setAcceptedFormats(send.map(List::of).orElse(List.of()));
            sinkPad(type).setBitrateCeiling(Math.max(0, sendCeiling(remote, type)));
            // the codec-chosen event of issue 4's model, as RtpEndpoint raises it
            receive.ifPresent(f -> emit(new FormatChosen(this, type, FormatChosen.Direction.RECEIVE, f)));
            send.ifPresent(f -> emit(new FormatChosen(this, type, FormatChosen.Direction.SEND, f)));
        }
        if (dtls == null) {
            DtlsSession session = new DtlsSession(context.certificate(), n.role(), n.remote().fingerprint(),
                    (b, o, l) -> port.send(ByteBuffer.wrap(b, o, l), true), context.handshakes(),
                    settings.handshakeTimeout(), new DtlsEvents());
            dtls = session;
            emit(new DtlsConnectionStateChange(this, STREAM_ID, DtlsSession.State.NEW));
            startDtlsWhenReady();
        }
    }

    /**
     * RFC 3550 §6.3.5: a participant that sent no RTCP for 5 report intervals has left; with §6.2's
     * 5 s minimum interval, 25 s. Never longer than the consent timeout: past it we send the browser
     * nothing (RFC 7675 §5.1), so a limit it set cannot matter to it any more.
     */
    static final java.time.Duration SILENT_LIMIT_TIMEOUT = java.time.Duration.ofSeconds(25);

    static long limitTimeoutNanos(WebRtcEndpointSettings settings) {
        return Math.min(SILENT_LIMIT_TIMEOUT.toNanos(), settings.consentTimeout().toNanos());
    }

    /** Our REMB once no limit holds: the maximum, or under it the video b=AS we wrote (maxVideoRecvBandwidth). */
    private long mostVideoTaken() {
        long declared = writer.bandwidths().maxVideoRecvKbps() * 1000L;
        return declared > 0 ? Math.min(declared, settings.maxVideoBitrate()) : settings.maxVideoBitrate();
    }

    /**
     * The browser's b=TIAS or b=AS on its m-line of {@code type} (RFC 8866 §5.8: the most it takes),
     * under our maxVideoSendBandwidth for video: what we send it is held under it (the encoder's
     * target, whatever the send-side estimate says). IPv4 headers counted, as for our own lines.
     */
    private long sendCeiling(SessionDescription sd, MediaType type) {
        long[] ceilings = {SendCeiling.NONE, SendCeiling.under(SendCeiling.NONE, writer.bandwidths().maxVideoSendKbps())};
        if (sd != null) {
            var audio = SendCeiling.firstActive(sd.media(), "audio").orElse(null);
            var video = SendCeiling.firstActive(sd.media(), "video").orElse(null);
            long a = audio == null ? SendCeiling.NONE : SendCeiling.bitsPerSecond(audio, false, 0);
            long v = SendCeiling.under(video == null ? SendCeiling.NONE : SendCeiling.bitsPerSecond(video, false, 0),
                    writer.bandwidths().maxVideoSendKbps());
            // RFC 8866 §5.8: a session-level b= is the total over both
            SessionShare.Ceilings c = SessionShare.of(sd, a == 0 ? null : audio, v == 0 ? null : video, false, a, v);
            ceilings = new long[] {c.audio(), c.video()};
        }
        return type == MediaType.VIDEO ? ceilings[1] : ceilings[0];
    }

    /** The browser's description, parsed; null before one, or if it (taken once) no longer parses. */
    private SessionDescription parsedRemoteDescription() {
        String remote = negotiator.remoteDescription();
        if (remote == null) {
            return null;
        }
        try {
            return new SdpParser().parse(remote);
        } catch (SdpParseException e) {
            LOG.debug("the browser's description, taken once, no longer parses", e);
            return null;
        }
    }

    // The server waits for the ClientHello at once; as client we start once the browser has
    // nominated a pair, so the ClientHello goes where the browser listens.
    private synchronized void startDtlsWhenReady() {
        DtlsSession d = dtls;
        if (d == null || d.state() != DtlsSession.State.NEW) {
            return;
        }
        if (d.role() == DtlsSession.Role.SERVER || ice.selected() != null) {
            d.start();
            emit(new DtlsConnectionStateChange(this, STREAM_ID, DtlsSession.State.CONNECTING));
        }
    }

    /**
     * Announces our candidates as {@link IceCandidateFound} events, then {@link IceGatheringDone}:
     * host candidates only, known at once (decision 0008).
     */
    public void gatherCandidates() {
        List<IceCandidate> announced;
        synchronized (this) {
            gathered = true;
            announced = List.copyOf(candidates.announced());
        }
        String mid = "0";
        String local = getLocalSessionDescriptor();
        if (local != null) {
            int at = local.indexOf("a=mid:");
            if (at >= 0) {
                mid = local.substring(at + 6, local.indexOf('\r', at)).trim();
            }
        }
        for (IceCandidate c : announced) {
            emit(new IceCandidateFound(this, new IceCandidateInfo(c.toSdp(), mid, 0)));
        }
        emit(new IceGatheringDone(this));
    }

    /**
     * Takes a trickled browser candidate. A lite agent learns the browser's addresses from its
     * checks (RFC 8445 §2.5), so the candidate is only checked for syntax; an empty one is the
     * end-of-candidates indication (RFC 8838 §4.4).
     *
     * @throws IllegalArgumentException when the candidate does not follow RFC 8839 §5.1
     */
    public synchronized void addIceCandidate(IceCandidateInfo candidate) {
        String text = candidate.candidate();
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            Candidate parsed = Candidate.parse(text.trim());
            remoteCandidates++;
            if (trickled.size() < KEPT_REMOTE_CANDIDATES) {
                trickled.add(parsed);
            }
        } catch (SdpParseException e) {
            throw new IllegalArgumentException("bad ICE candidate: " + e.getMessage(), e);
        }
    }

    public IceState iceState() { return ice.state(); }
    /** Our current ICE credentials (new ones after an ICE restart). */
    public IceCredentials iceCredentials() { return ice.localCredentials(); }

    public DtlsSession.State dtlsState() {
        DtlsSession d = dtls;
        return d == null ? DtlsSession.State.NEW : d.state();
    }

    /** Whether the browser's DTLS close_notify arrived inside the session (decision 0091). */
    public boolean dtlsCloseNotifyReceived() {
        DtlsSession d = dtls;
        return d != null && d.closeNotifyReceived();
    }

    /** Alerts the browser sent inside the DTLS session, close_notify among them. */
    public int dtlsAlertsReceived() {
        DtlsSession d = dtls;
        return d == null ? 0 : d.alertsReceived();
    }

    /** Our DTLS role, null before the first answer set it. */
    public DtlsSession.Role dtlsRole() {
        DtlsSession d = dtls;
        return d == null ? null : d.role();
    }

    /** The DTLS-SRTP profile protecting the media (RFC 5764 §4.1.2), null until the handshake chose one. */
    public SrtpProfile srtpProfile() {
        DtlsSession d = dtls;
        return d == null ? null : d.srtpProfile();
    }

    /** The use_srtp profile ids the browser's ClientHello offered; empty unless we are the DTLS server. */
    public int[] peerOfferedSrtpProfiles() {
        DtlsSession d = dtls;
        return d == null ? new int[0] : d.peerOfferedSrtpProfiles();
    }

    /** The first open socket's port: the SDP's m= line. */
    public synchronized int localPort() { return candidates.port(candidates.firstOpen()); }
    /** Each open socket's local address, in index order (one per web interface kept). */
    public synchronized List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>(port.sockets());
        for (int i = 0; i < port.sockets(); i++) {
            if (candidates.isOpen(i)) {
                out.add(port.localAddress(i));
            }
        }
        return out;
    }
    /** Our candidates, as offered. */
    public synchronized List<IceCandidate> localCandidates() { return List.copyOf(candidates.announced()); }
    /** The local candidate of a pair on socket {@code socket}: its host candidate as the browser was told it (bind or external address). */
    public IceCandidate socketCandidate(int socket) { return candidates.ofSocket(socket); }
    /** The browser's candidates it trickled to us (not those of its SDP). */
    public synchronized List<Candidate> trickledCandidates() { return List.copyOf(trickled); }
    /** The pairs the browser's checks proved, with what each carried. */
    public List<org.webims.webrtc.ice.CandidatePairStats> candidatePairs() { return ice.pairs(); }
    /** Our certificate's SDP fingerprint ({@code "sha-256 AB:..."}). */
    public String localFingerprint() { return context.certificate().fingerprint(); }
    /** The fingerprint the browser's SDP gave, which its DTLS certificate must match (RFC 8122 §5); null before one. */
    public String remoteFingerprint() { return remoteFingerprint; }
    public BundleCounters transportCounters() { return port.counters(); }
    public WebRtcMediaSession.Stats mediaStats() { return media.stats(); }

    @Override
    public PeerStates peerStates() { return peerStates; }

    /**
     * Media state: CONNECTED while the browser is in the RTP session by its RTCP, as Kurento's is
     * (decision 0083); a BYE in every type it reported in is the browser leaving (decision 0091).
     */
    @Override
    protected void flowChecked() {
        boolean active = rtcpPresence.active(this, System.nanoTime());
        peerStates.media(active);
        if (!active && rtcpPresence.leftByBye()) {
            left(PeerLeft.How.RTCP_BYE);
        }
    }

    /** Whether the browser ended its side on purpose ({@link PeerLeft}): its DTLS close or BYEs. */
    public boolean hasPeerLeft() {
        return peerLeft.get();
    }

    private void left(PeerLeft.How how) {
        if (peerLeft.compareAndSet(false, true)) {
            LOG.atDebug().addKeyValue("endpoint", id()).addKeyValue("how", how).log("the browser left");
            emit(new PeerLeft(this, how));
        }
    }

    // Connection state: up while ICE holds a nominated pair with consent and DTLS is connected
    private void connectionChanged() {
        peerStates.connection(ice.state() == IceState.CONNECTED && dtlsState() == DtlsSession.State.CONNECTED);
    }

    /** Our send-side bandwidth estimate toward the browser, from its transport-wide feedback. */
    public WebRtcMediaSession.BandwidthStats bandwidth() { return media.bandwidth(); }
    /** How the loss in the browser's video was repaired (NACK, RTX). */
    public org.webims.webrtc.media.VideoRepairStats videoRepair() { return media.videoRepair(); }
    /** The browser's audio and video streams as of our last receiver report (about once a second). */
    public java.util.List<org.webims.media.endpoint.rtp.InboundRtpStats> inboundStreams() { return media.inboundStreams(); }
    /** Our audio and video streams to the browser that sent anything. */
    public java.util.List<org.webims.media.endpoint.rtp.OutboundRtpStats> outboundStreams() { return media.outboundStreams(); }

    /**
     * Sends a digit to the browser as RFC 4733 telephone-events in our audio, at the negotiated
     * payload type and clock rate; false when the browser negotiated none.
     */
    @Override
    public boolean sendDtmf(char digit, int durationMs) {
        DtmfOutput.checkedEvent(digit, durationMs);
        boolean queued = audioOut.sendDtmf(digit, durationMs);
        LOG.atDebug().addKeyValue("endpoint", id()).addKeyValue("digit", digit).addKeyValue("durationMs", durationMs)
                .addKeyValue("queued", queued).log("DTMF to send");
        return queued;
    }

    /** DTMF counters: events heard from the browser, and what we sent ({@code audio.dtmf*}). */
    public java.util.Map<String, Long> dtmfStats() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("audio.dtmfEvents", media.dtmfEventsReceived());
        audioOut.putDtmfStats("audio.", out);
        return out;
    }

    // the I/O thread, once per event from the browser: on to what our audio feeds, then raised
    private void dtmfHeard(int event, int volume, int durationMs) {
        char digit = TelephoneEvent.digit(event);
        int relayed = digit == '?' ? 0 : DtmfEndpoint.relay(this, digit, durationMs);
        emit(new DtmfReceived(this, digit, event, volume, durationMs, relayed));
    }
    public synchronized long remoteCandidatesAdded() { return remoteCandidates; }

    @Override
    protected void onRelease() {
        // null-safe: a constructor that failed half-way releases what it had built (abandon)
        if (consentCheck != null) {
            consentCheck.cancel(false);
        }
        if (audioOut != null) {
            audioOut.close();
        }
        DtlsSession d = dtls;
        if (d != null && d.state() != DtlsSession.State.CLOSED) {
            d.close();
            emit(new DtlsConnectionStateChange(this, STREAM_ID, DtlsSession.State.CLOSED));
        }
        if (port != null) {
            port.close();
        }
    }

    /** The port's demultiplexed DTLS, on the I/O thread (SRTP goes straight to the media session's input). */
    private final class Demuxed implements BundlePort.Receiver {
        @Override
        public void dtls(byte[] buffer, int offset, int length, InetSocketAddress from) {
            DtlsSession d = dtls;
            if (d != null) {
                d.receive(buffer, offset, length);
            }
        }
    }

    private final class IceEvents implements IceLiteAgent.Listener {
        @Override
        public void stateChanged(IceState state) {
            emit(new IceComponentStateChanged(WebRtcEndpoint.this, STREAM_ID, 1, state));
            connectionChanged();
        }

        @Override
        public void selectedPairChanged(int socket, InetSocketAddress remote) {
            String local = socketCandidate(socket).toSdp();
            String theirs = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            emit(new NewCandidatePairSelected(WebRtcEndpoint.this, new IceCandidatePair(STREAM_ID, 1, local, theirs)));
            startDtlsWhenReady();
        }
    }

    private final class DtlsEvents implements DtlsSession.Listener {
        @Override
        public void connected(DtlsSrtpKeys keys) {
            media.keyed(keys);
            emit(new DtlsConnectionStateChange(WebRtcEndpoint.this, STREAM_ID, DtlsSession.State.CONNECTED));
            connectionChanged();
        }

        @Override
        public void failed(String reason) {
            LOG.atInfo().addKeyValue("endpoint", id()).addKeyValue("reason", reason).log("DTLS handshake failed");
            emit(new DtlsConnectionStateChange(WebRtcEndpoint.this, STREAM_ID, DtlsSession.State.FAILED));
            emit(new MediaErrorEvent(WebRtcEndpoint.this, "DTLS_FAILED", reason));
            connectionChanged();
        }

        /**
         * The browser's close_notify (RFC 5246 §7.2.1) or another alert inside the session: it has
         * left the whole bundle, so the media state falls at the next flow check, not after the RTCP
         * timeout (decision 0091). A record BouncyCastle refused for another cause ends DTLS only.
         */
        @Override
        public void closed(boolean closeNotify) {
            DtlsSession d = dtls;
            boolean alerted = closeNotify || (d != null && d.alertsReceived() > 0);
            if (alerted) {
                rtcpPresence.leave(System.nanoTime());
            }
            emit(new DtlsConnectionStateChange(WebRtcEndpoint.this, STREAM_ID, DtlsSession.State.CLOSED));
            connectionChanged();
            if (alerted) {
                left(closeNotify ? PeerLeft.How.DTLS_CLOSE_NOTIFY : PeerLeft.How.DTLS_ALERT);
            }
        }
    }
}
