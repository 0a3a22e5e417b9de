package org.webims.webrtc.sdp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.GenericAttribute;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SdpWriter;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.Setup;
import org.webims.media.sdp.negotiation.Answer;
import org.webims.media.sdp.negotiation.Answerer;
import org.webims.media.sdp.negotiation.LocalCapabilities;
import org.webims.media.sdp.negotiation.LocalTransport;
import org.webims.media.sdp.negotiation.MediaCapabilities;
import org.webims.media.sdp.negotiation.OfferAnswerException;
import org.webims.media.sdp.negotiation.Offerer;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.ice.IceCandidate;
import org.webims.webrtc.ice.IceCredentials;

/**
 * Both directions of WebRTC offer/answer for one endpoint (RFC 8829 JSEP as a server sees it):
 * the browser's offer answered, or our offer made and the browser's answer taken. Keeps what
 * must stay stable across renegotiations: the origin, our DTLS role once chosen (RFC 8842 §5.5),
 * the browser's fingerprint, and our ICE credentials until the browser restarts ICE
 * (new ufrag/pwd in its offer, RFC 8445 §9). Not thread-safe: the endpoint serialises calls.
 */
public final class WebRtcSdpNegotiator {

    private final Answerer answerer = new Answerer();
    private final Offerer offerer = new Offerer();
    private final WebRtcDescriptionWriter writer;
    private final Supplier<IceCredentials> freshIce;
    private final String address;
    private final int port;
    private final List<IceCandidate> candidates;
    private Origin origin;
    private IceCredentials localIce;
    private DtlsSession.Role role;
    private RemoteTransport remote;
    private SessionDescription pendingOffer;
    private String localSdp;
    private String remoteSdp;
    /** Our side and the browser's of the last completed offer/answer: what a later offer of ours must fit. */
    private SessionDescription establishedLocal;
    private SessionDescription establishedRemote;

    public WebRtcSdpNegotiator(WebRtcDescriptionWriter writer, Supplier<IceCredentials> freshIce,
            IceCredentials initialIce, String address, int port, List<IceCandidate> candidates) {
        this.writer = writer;
        this.freshIce = freshIce;
        this.localIce = initialIce;
        this.address = address;
        this.port = port;
        this.candidates = List.copyOf(candidates);
        String sessionId = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        this.origin = new Origin("-", sessionId, "1", "IN", address.contains(":") ? "IP6" : "IP4", address);
    }

    public String localDescription() { return localSdp; }
    public String remoteDescription() { return remoteSdp; }
    public DtlsSession.Role role() { return role; }

    /** Answers a browser's offer (initial or re-offer). */
    public Negotiation processOffer(String offerText, MediaCapabilities audio, MediaCapabilities video)
            throws WebRtcSdpException {
        SessionDescription offer = parse(offerText);
        RemoteTransport theirs = RemoteTransport.of(offer);
        checkSameDtls(theirs);
        DtlsSession.Role ourRole = role;
        if (ourRole == null) {
            // RFC 5763 §5 / RFC 8842 §5.3: the answerer to actpass may be passive. We are: the DTLS server
            // picks the SRTP profile (RFC 5764 §4.1.1), we take AEAD_AES_128_GCM where Chromium picks
            // AES-CM; active would save half a round trip of set-up (decision 0085).
            ourRole = switch (theirs.setup()) {
                case ACTPASS, ACTIVE -> DtlsSession.Role.SERVER;
                case PASSIVE -> DtlsSession.Role.CLIENT;
                case HOLDCONN -> throw new WebRtcSdpException("a=setup:holdconn: no DTLS association to make");
            };
        }
        boolean restart = remote != null && !remote.ufrag().equals(theirs.ufrag());
        IceCredentials ice = restart ? freshIce.get() : localIce;
        Answer answer = answerer.answer(offer, LocalCapabilities.of(audio, video), LocalTransport.fixed(address, port));
        if (!answer.anyAccepted()) {
            throw new WebRtcSdpException(answer.firstRejection().map(r -> r.warnCode()).orElse(SdpWarning.MISCELLANEOUS),
                    "nothing in the offer is acceptable: " + answer.firstRejection().map(r -> r.reason()).orElse("no media"));
        }
        SessionPlan plan = SessionPlan.of(answer.negotiated(), offer);
        origin = origin.nextVersion();
        SessionDescription ours = writer.write(origin, answer.media(), ice, candidates,
                ourRole == DtlsSession.Role.CLIENT ? Setup.ACTIVE : Setup.PASSIVE);
        String text = SdpWriter.write(ours);
        commit(theirs, ourRole, ice, text, offerText);
        pendingOffer = null;
        return new Negotiation(text, plan, theirs, ourRole, ice, restart);
    }

    /**
     * Our offer. The first one: audio then video (mids 0 and 1) in the settings' directions,
     * inactive ones left out. Later ones fit the session ({@link SubsequentOffer}): its m-lines,
     * mids and header extension ids kept, a medium it lacks added. Media in {@code dropped}
     * ("audio", "video") are left out of a first offer and rejected (port 0) in a later one.
     */
    public String generateOffer(MediaCapabilities audio, MediaCapabilities video, java.util.Set<String> dropped) {
        List<MediaDescription> media = establishedLocal == null ? firstOffer(audio, video, dropped)
                : SubsequentOffer.make(establishedLocal, establishedRemote, audio, video, dropped, offerer,
                        LocalTransport.fixed(address, port));
        // RFC 8842 §5.2: actpass in an initial offer; later offers keep the role we have (§5.5).
        Setup setup = role == null ? Setup.ACTPASS : role == DtlsSession.Role.CLIENT ? Setup.ACTIVE : Setup.PASSIVE;
        origin = origin.nextVersion();
        pendingOffer = writer.write(origin, media, localIce, candidates, setup);
        localSdp = SdpWriter.write(pendingOffer);
        return localSdp;
    }

    private List<MediaDescription> firstOffer(MediaCapabilities audio, MediaCapabilities video, java.util.Set<String> dropped) {
        List<MediaCapabilities> streams = new ArrayList<>();
        List<String> mids = new ArrayList<>();
        if (audio.direction() != Direction.INACTIVE && !dropped.contains("audio")) {
            streams.add(audio);
            mids.add("0");
        }
        if (video.direction() != Direction.INACTIVE && !dropped.contains("video")) {
            streams.add(video);
            mids.add("1");
        }
        if (streams.isEmpty()) {
            throw new IllegalStateException("the settings offer neither audio nor video");
        }
        List<MediaDescription> media = new ArrayList<>();
        List<MediaDescription> made = offerer.createOffer(streams, LocalTransport.fixed(address, port));
        for (int i = 0; i < made.size(); i++) {
            media.add(made.get(i).toBuilder().attribute(new GenericAttribute("mid", mids.get(i))).build());
        }
        return media;
    }

    /** Whether an offer of ours waits for its answer ({@link #processAnswer} refuses one otherwise). */
    public boolean offerPending() {
        return pendingOffer != null;
    }

    /** Takes the browser's answer to our last offer. */
    public Negotiation processAnswer(String answerText) throws WebRtcSdpException {
        if (pendingOffer == null) {
            throw new WebRtcSdpException("no offer of ours is waiting for an answer");
        }
        SessionDescription answer = parse(answerText);
        RemoteTransport theirs = RemoteTransport.of(answer);
        checkSameDtls(theirs);
        DtlsSession.Role ourRole = switch (theirs.setup()) {
            case ACTIVE -> DtlsSession.Role.SERVER;
            case PASSIVE -> DtlsSession.Role.CLIENT;
            default -> throw new WebRtcSdpException("an answer must say a=setup:active or passive (RFC 8842 §5.3), not "
                    + theirs.setup().token());
        };
        if (role != null && role != ourRole) {
            throw new WebRtcSdpException("the answer changes the DTLS role of the association (RFC 8842 §5.5)");
        }
        SessionPlan plan;
        try {
            plan = SessionPlan.of(offerer.processAnswer(pendingOffer, answer), answer);
        } catch (OfferAnswerException e) {
            throw new WebRtcSdpException("the answer does not fit our offer: " + e.getMessage(), e);
        }
        commit(theirs, ourRole, localIce, localSdp, answerText);
        pendingOffer = null;
        return new Negotiation(null, plan, theirs, ourRole, localIce, false);
    }

    private void commit(RemoteTransport theirs, DtlsSession.Role ourRole, IceCredentials ice, String local,
            String remoteText) {
        remote = theirs;
        role = ourRole;
        localIce = ice;
        localSdp = local;
        remoteSdp = remoteText;
        try {
            establishedLocal = SessionDescription.parse(local);
            establishedRemote = SessionDescription.parse(remoteText);
        } catch (SdpParseException e) {
            throw new IllegalStateException("a description that was negotiated does not parse", e);
        }
    }

    // A new fingerprint would need a new DTLS association (RFC 8842 §5.5), which we do not run.
    private void checkSameDtls(RemoteTransport theirs) throws WebRtcSdpException {
        if (remote != null && !remote.fingerprint().equalsIgnoreCase(theirs.fingerprint())) {
            throw new WebRtcSdpException("the certificate fingerprint changed; a new DTLS association is not supported");
        }
    }

    private static SessionDescription parse(String text) throws WebRtcSdpException {
        try {
            return SessionDescription.parse(text);
        } catch (SdpParseException e) {
            throw new WebRtcSdpException("malformed SDP: " + e.getMessage(), e);
        }
    }
}
