package org.webims.media.endpoint.rtp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpParser;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SdpWriter;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.Ssrc;
import org.webims.media.sdp.SsrcGroup;
import org.webims.media.sdp.bandwidth.PacketOverhead;
import org.webims.media.sdp.bandwidth.ReceiveBandwidth;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.negotiation.Answer;
import org.webims.media.sdp.negotiation.Answerer;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.LocalCapabilities;
import org.webims.media.sdp.negotiation.LocalTransport;
import org.webims.media.sdp.negotiation.MediaCapabilities;
import org.webims.media.sdp.negotiation.NegotiatedMedia;
import org.webims.media.sdp.negotiation.OfferAnswerException;
import org.webims.media.sdp.negotiation.Offerer;
import org.webims.media.sdp.negotiation.Rejection;

/**
 * The SDP side of an endpoint: our capabilities as the sdp package describes them, the offers
 * and answers built from them, and the descriptions exchanged so far. One o= line for the whole
 * session, its version raised with every description we send (RFC 3264 §8); a re-offer keeps
 * the m-line order and disables (port 0) what is no longer wanted. Not thread-safe: the endpoint
 * calls it under its lock, and nothing here changes until {@link #commit}.
 */
final class SdpSession {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RtpEndpointSettings settings;
    private final String address;
    private final String cname;
    private final Sources sources;
    private final String sessionId = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
    private final Map<MediaType, Direction> directions = new EnumMap<>(MediaType.class);
    private final SdpParser parser = new SdpParser();
    private final Offerer offerer = new Offerer();
    private final Answerer answerer = new Answerer();
    private long version;
    private SessionDescription local;
    private SessionDescription remote;
    private SessionDescription pendingOffer;
    private volatile SdpBandwidths bandwidths; // read by the RTCP thread when a limit is lifted

    /** Our SSRC and rtx SSRC of a media type ("audio", "video"), or null while it has no stream. */
    interface Sources {
        int[] mediaAndRtx(String media);
    }

    SdpSession(RtpEndpointSettings settings, String address, String cname, Sources sources) {
        this.settings = settings;
        this.address = address;
        this.cname = cname;
        this.sources = sources;
        this.bandwidths = settings.bandwidths();
        for (MediaType t : MediaType.values()) {
            directions.put(t, Direction.SENDRECV);
        }
    }

    /** The b= lines of our next offer or answer (Kurento: in effect for the next negotiation). */
    void bandwidths(SdpBandwidths value) {
        bandwidths = value;
    }

    SdpBandwidths bandwidths() {
        return bandwidths;
    }

    void direction(MediaType type, Direction direction) {
        directions.put(type, direction);
    }

    /** A negotiation result not yet in effect: the descriptions it would record. */
    record Outcome(SessionDescription local, SessionDescription remote, boolean offerPending,
            List<NegotiatedMedia> media) { }

    /** Our offer of the media the settings offer: see {@link #offer(LocalTransport, Set)}. */
    Outcome offer(LocalTransport transport) {
        Set<MediaType> media = EnumSet.noneOf(MediaType.class);
        if (settings.offerAudio()) {
            media.add(MediaType.AUDIO);
        }
        if (settings.offerVideo()) {
            media.add(MediaType.VIDEO);
        }
        return offer(transport, media);
    }

    /**
     * Our offer of {@code media} (those we have codecs for): the previous m-lines in order,
     * disabled where no longer offered (RFC 3264 §8.2: port 0), then media new to the session (§8.1).
     */
    Outcome offer(LocalTransport transport, Set<MediaType> wanted) {
        List<String> order = new ArrayList<>();
        List<MediaDescription> previous = local == null ? List.of() : local.media();
        previous.forEach(m -> order.add(m.media()));
        for (String media : new String[] {"audio", "video"}) {
            if (!order.contains(media) && offered(media, wanted)) {
                order.add(media);
            }
        }
        List<MediaCapabilities> enabled = new ArrayList<>();
        for (String media : order) {
            if (offered(media, wanted) && enabled.stream().noneMatch(c -> c.media().equals(media))) {
                enabled.add(capabilities(media));
            }
        }
        List<MediaDescription> made = offerer.createOffer(enabled,
                (index, media) -> transport.allocate(order.indexOf(media), media));
        List<MediaDescription> lines = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            String media = order.get(i);
            Optional<MediaDescription> m = made.stream().filter(d -> d.media().equals(media)).findFirst();
            boolean first = order.indexOf(media) == i;
            if (m.isPresent() && first) {
                lines.add(m.get());
            } else {
                MediaDescription before = previous.get(i);
                lines.add(MediaDescription.builder(media, 0, before.proto()).formats(before.formats()).build());
            }
        }
        SessionDescription sd = describe(lines);
        return new Outcome(sd, remote, true, List.of());
    }

    /** Our answer to {@code sdp}; refuses it when it cannot be parsed or no m-line is acceptable. */
    Outcome answer(String sdp, LocalTransport transport) throws SdpNegotiationException {
        SessionDescription offer = parse(sdp);
        LocalCapabilities caps = new LocalCapabilities(List.of(capabilities("audio"), capabilities("video")),
                settings.preference(), settings.singleCodec());
        Answer answer = answerer.answer(offer, caps, transport);
        if (!answer.anyAccepted()) {
            Rejection r = answer.firstRejection().orElse(
                    new Rejection(SdpWarning.MEDIA_TYPE_NOT_AVAILABLE, "no media offered"));
            throw new SdpNegotiationException(new OfferAnswerException(r.warnCode(), -1, r.reason()));
        }
        return new Outcome(describe(answer.media()), offer, false, answer.negotiated());
    }

    /** What the answer to our pending offer agreed. */
    Outcome processAnswer(String sdp) throws SdpNegotiationException {
        if (pendingOffer == null) {
            throw new IllegalStateException("no offer of ours is waiting for an answer");
        }
        SessionDescription answer = parse(sdp);
        try {
            return new Outcome(local, answer, false, offerer.processAnswer(pendingOffer, answer));
        } catch (OfferAnswerException e) {
            throw new SdpNegotiationException(e);
        }
    }

    void commit(Outcome outcome) {
        if (outcome.local() != local) {
            version++;
        }
        local = outcome.local();
        remote = outcome.remote();
        pendingOffer = outcome.offerPending() ? outcome.local() : null;
    }

    String localDescription() {
        return local == null ? null : SdpWriter.write(local);
    }

    String remoteDescription() {
        return remote == null ? null : SdpWriter.write(remote);
    }

    private SessionDescription parse(String sdp) throws SdpNegotiationException {
        try {
            return parser.parse(sdp);
        } catch (SdpParseException e) {
            throw new SdpNegotiationException(e);
        }
    }

    private SessionDescription describe(List<MediaDescription> media) {
        Origin origin = new Origin("-", sessionId, Long.toString(version + 1), "IN",
                address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
        SessionDescription.Builder b = SessionDescription.builder(origin).sessionName("WebIMS");
        boolean ipv6 = PacketOverhead.isIpv6(address);
        media.forEach(m -> b.media(withBandwidths(withRtxSources(m), ipv6)));
        return b.build();
    }

    /** TS 26.114 §6.2.5, RFC 8866 §5.8: what we want to receive on the m-line, as configured. */
    private MediaDescription withBandwidths(MediaDescription m, boolean ipv6) {
        return ReceiveBandwidth.described(m, bandwidths, ipv6);
    }

    /**
     * An m-line with rtx names our two sources and groups them (a=ssrc and a=ssrc-group, RFC 5576
     * §4.1, §4.2, with RFC 5888's FID semantics), so the receiver ties our SSRC-multiplexed rtx
     * stream (RFC 4588 §5) to its stream before the first retransmission arrives. Other m-lines
     * carry no a=ssrc, as before.
     */
    private MediaDescription withRtxSources(MediaDescription m) {
        int[] ssrcs = m.port() == 0 ? null : sources.mediaAndRtx(m.media());
        if (ssrcs == null || m.rtpMaps().stream().noneMatch(r -> r.encodingName().equalsIgnoreCase("rtx"))) {
            return m;
        }
        long media = Integer.toUnsignedLong(ssrcs[0]);
        long rtx = Integer.toUnsignedLong(ssrcs[1]);
        return m.toBuilder().attribute(new Ssrc(media, "cname", cname)).attribute(new Ssrc(rtx, "cname", cname))
                .attribute(new SsrcGroup("FID", List.of(media, rtx))).build();
    }

    private boolean offered(String media, Set<MediaType> wanted) {
        return "audio".equals(media) ? wanted.contains(MediaType.AUDIO) && !settings.audioCodecs().isEmpty()
                : "video".equals(media) && wanted.contains(MediaType.VIDEO) && !settings.videoCodecs().isEmpty();
    }

    private MediaCapabilities capabilities(String media) {
        MediaType type = "video".equals(media) ? MediaType.VIDEO : MediaType.AUDIO;
        List<CodecCapability> codecs = type == MediaType.VIDEO ? settings.videoCodecs() : settings.audioCodecs();
        List<String> protocols = new ArrayList<>();
        protocols.add(settings.profile().proto());
        for (RtpEndpointSettings.RtpProfile p : RtpEndpointSettings.RtpProfile.values()) {
            if (p != settings.profile() && (!p.secure() || !settings.cryptoSuites().isEmpty())) {
                protocols.add(p.proto());
            }
        }
        return new MediaCapabilities(media, protocols, codecs, directions.get(type), settings.rtcpMux(), false,
                List.of(), settings.cryptoSuites(), 0, 0);
    }
}
