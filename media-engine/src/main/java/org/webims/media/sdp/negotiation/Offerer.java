package org.webims.media.sdp.negotiation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.webims.media.sdp.Connection;
import org.webims.media.sdp.Crypto;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.ExtMap;
import org.webims.media.sdp.Fmtp;
import org.webims.media.sdp.GenericAttribute;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.RtcpFeedback;
import org.webims.media.sdp.RtpMap;
import org.webims.media.sdp.SdpAttribute;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.StaticPayloadTypes;

/**
 * Our side as offerer (RFC 3264 §5, §6.1... §7): builds the offer's media sections from our
 * capabilities and checks the answer against that offer. Thread-safe.
 */
public final class Offerer {

    private static final int FIRST_DYNAMIC_PT = 96;

    private final SdesKeys keys;

    public Offerer() {
        this(new SecureRandom());
    }

    public Offerer(SecureRandom random) {
        this.keys = new SdesKeys(random);
    }

    /**
     * One media section per stream: the first protocol of its capabilities, every codec (static
     * payload types where RFC 3551 has one, else dynamic from 96), an rtx payload type per video
     * codec when rtx is among the codecs and the protocol is AVPF, the header extensions (ids from 1), and an a=crypto per
     * SDES suite with a fresh key when the protocol is RTP/SAVP(F).
     */
    public List<MediaDescription> createOffer(List<MediaCapabilities> streams, LocalTransport transport) {
        List<MediaDescription> out = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            MediaCapabilities mc = streams.get(i);
            String proto = mc.protocols().get(0);
            boolean feedback = proto.endsWith("AVPF");
            LocalTransport.Address local = transport.allocate(i, mc.media());
            MediaDescription.Builder b = MediaDescription.builder(mc.media(), local.port(), proto)
                    .connection(Connection.of(local.address()));
            b.direction(mc.direction());
            if (mc.rtcpMux()) {
                b.attribute(SdpAttribute.flag("rtcp-mux"));
            }
            if (mc.rtcpReducedSize()) {
                b.attribute(SdpAttribute.flag("rtcp-rsize"));
            }
            for (int e = 0; e < mc.extensionUris().size(); e++) {
                b.attribute(new ExtMap(e + 1, null, mc.extensionUris().get(e), null));
            }
            Set<Integer> used = new HashSet<>();
            mc.codecs().stream().filter(c -> c.payloadType() >= 0).forEach(c -> used.add(c.payloadType()));
            Optional<CodecCapability> rtx = mc.codecs().stream().filter(c -> c.is("rtx")).findFirst();
            for (CodecCapability c : mc.codecs()) {
                if (c.is("rtx")) {
                    continue;
                }
                int pt = payloadTypeFor(c, used);
                MediaSectionWriter.payloadType(b, RtpMap.of(pt, c.encodingName(), c.clockRate(), c.channels()),
                        c.parameters(), feedback ? c.rtcpFeedback() : List.of());
                // RFC 4588 assumes RTP/AVPF feedback (its abstract): NACKs ask for what rtx carries, so AVPF only
                if (rtx.isPresent() && feedback && !CodecSelector.isCompanion(c.encodingName())
                        && "video".equals(mc.media())) {
                    int rtxPt = nextDynamic(used);
                    MediaSectionWriter.payloadType(b, RtpMap.of(rtxPt, "rtx", c.clockRate(), 1),
                            Map.of("apt", Integer.toString(pt)), List.of());
                }
            }
            if (mc.ptime() > 0) {
                b.attribute(GenericAttribute.of("ptime", mc.ptime()));
            }
            if (mc.maxptime() > 0) {
                b.attribute(GenericAttribute.of("maxptime", mc.maxptime()));
            }
            if (Answerer.usesSdes(proto)) {
                int tag = 1;
                for (String suite : mc.cryptoSuites()) {
                    if (SdesKeys.canKey(suite)) {
                        b.attribute(keys.newCrypto(tag++, suite));
                    }
                }
            }
            out.add(b.build());
        }
        return out;
    }

    private static int payloadTypeFor(CodecCapability c, Set<Integer> used) {
        if (c.payloadType() >= 0) {
            return c.payloadType();
        }
        int pt = StaticPayloadTypes.payloadTypeOf(c.encodingName(), c.clockRate(), c.channels());
        if (pt >= 0 && used.add(pt)) {
            return pt;
        }
        return nextDynamic(used);
    }

    private static int nextDynamic(Set<Integer> used) {
        for (int pt = FIRST_DYNAMIC_PT; pt <= 127; pt++) {
            if (used.add(pt)) {
                return pt;
            }
        }
        throw new IllegalStateException("more codecs than the 32 dynamic payload types");
    }

    /**
     * Checks an answer against our offer (RFC 3264 §6, §7) and says what was agreed: the same
     * number of m-lines of the same media types, only payload types we offered with the same
     * encoding and compatible fmtp, a direction our offer allows, and for SDES one crypto line
     * answering one of ours.
     */
    public List<NegotiatedMedia> processAnswer(SessionDescription offer, SessionDescription answer)
            throws OfferAnswerException {
        if (answer.media().size() != offer.media().size()) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, -1, "answer has " + answer.media().size()
                    + " m-lines, the offer " + offer.media().size());
        }
        List<NegotiatedMedia> out = new ArrayList<>(offer.media().size());
        for (int i = 0; i < offer.media().size(); i++) {
            out.add(processMedia(i, offer, offer.media().get(i), answer, answer.media().get(i)));
        }
        return out;
    }

    private static NegotiatedMedia processMedia(int i, SessionDescription offer, MediaDescription om,
            SessionDescription answer, MediaDescription am) throws OfferAnswerException {
        if (!om.media().equals(am.media())) {
            throw new OfferAnswerException(SdpWarning.MEDIA_TYPE_NOT_AVAILABLE, i, "answer has m=" + am.media()
                    + " where the offer has m=" + om.media());
        }
        if (am.isRejected()) {
            return NegotiatedMedia.rejected(i, om.media(), om.mid(),
                    new Rejection(SdpWarning.MEDIA_TYPE_NOT_AVAILABLE, om.media() + " refused by the answerer"));
        }
        if (om.isRejected()) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, i, "answer accepts a stream the offer disabled");
        }
        if (!om.proto().equals(am.proto())) {
            throw new OfferAnswerException(SdpWarning.INCOMPATIBLE_TRANSPORT, i, "answer proto " + am.proto()
                    + " differs from the offered " + om.proto());
        }
        boolean feedback = om.proto().endsWith("AVPF");
        List<Integer> offeredPts = om.payloadTypes();
        List<CodecSelector.Accepted> accepted = new ArrayList<>();
        for (int pt : am.payloadTypes()) {
            if (!offeredPts.contains(pt)) {
                throw new OfferAnswerException(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, i,
                        "answer picks payload type " + pt + ", which the offer does not have");
            }
            RtpMap ours = om.rtpMap(pt).orElseThrow(() -> new OfferAnswerException(
                    SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, i, "offered payload type " + pt + " has no rtpmap"));
            Optional<RtpMap> theirs = am.rtpMap(pt);
            if (theirs.isPresent() && !(theirs.get().encodingName().equalsIgnoreCase(ours.encodingName())
                    && theirs.get().clockRate() == ours.clockRate() && theirs.get().channels() == ours.channels())) {
                throw new OfferAnswerException(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, i, "answer maps payload type "
                        + pt + " to " + theirs.get().value().substring(theirs.get().value().indexOf(' ') + 1)
                        + ", the offer to " + ours.value().substring(ours.value().indexOf(' ') + 1));
            }
            Map<String, String> ourParams = om.fmtp(pt).map(Fmtp::parameterMap).orElse(Map.of());
            Map<String, String> theirParams = am.fmtp(pt).map(Fmtp::parameterMap).orElse(Map.of());
            boolean companion = CodecSelector.isCompanion(ours.encodingName());
            if (!companion && FormatMatcher.forEncoding(ours.encodingName()).answer(theirParams, ourParams).isEmpty()) {
                throw new OfferAnswerException(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, i, "answer's " + ours.encodingName()
                        + " parameters for payload type " + pt + " do not fit the offer's");
            }
            List<String> fb = new ArrayList<>();
            if (feedback) {
                List<String> offeredFb = om.rtcpFeedback(pt).stream().map(RtcpFeedback::feedback).toList();
                for (RtcpFeedback f : am.rtcpFeedback(pt)) {
                    if (offeredFb.contains(f.feedback()) && !fb.contains(f.feedback())) {
                        fb.add(f.feedback());
                    }
                }
            }
            // sending: the answerer's receive parameters; receiving: ours from the offer
            accepted.add(new CodecSelector.Accepted(pt, ours, theirParams, ourParams, fb, !companion));
        }
        Optional<CodecSelector.Accepted> first = accepted.stream().filter(CodecSelector.Accepted::primary).findFirst();
        if (first.isEmpty()) {
            throw new OfferAnswerException(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, i, "answer accepts no codec");
        }
        Direction offered = offer.directionOf(om);
        Direction answered = answer.directionOf(am);
        Direction allowed = offered.reverse();
        if (answered.intersect(allowed) != answered) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, i, "answer direction "
                    + answered.attributeName() + " does not fit the offered " + offered.attributeName());
        }
        Optional<NegotiatedCrypto> crypto = Optional.empty();
        if (Answerer.usesSdes(om.proto()) && !om.cryptos().isEmpty()) {
            crypto = Optional.of(answeredCrypto(i, om, am));
        }
        boolean mux = om.rtcpMux() && am.rtcpMux();
        boolean rsize = om.rtcpReducedSize() && am.rtcpReducedSize();
        int clock = first.get().rtpMap().clockRate();
        OptionalInt dtmf = accepted.stream().filter(a -> a.rtpMap().encodingName().equalsIgnoreCase("telephone-event")
                && a.rtpMap().clockRate() == clock).mapToInt(CodecSelector.Accepted::payloadType).findFirst();
        List<ExtMap> extensions = new ArrayList<>();
        for (ExtMap e : am.extMaps()) {
            if (om.extMaps().stream().anyMatch(o -> o.uri().equals(e.uri()))) {
                extensions.add(e);
            }
        }
        String remoteAddress = answer.connectionOf(am).map(Connection::address).orElse(null);
        int rtcpPort = mux ? am.port() : am.rtcp().map(r -> r.port()).orElse(am.port() + 1);
        List<NegotiatedCodec> receive = accepted.stream().map(CodecSelector.Accepted::receiving).toList();
        return new NegotiatedMedia(i, om.media(), om.mid(), Optional.empty(), answered.reverse(),
                Optional.of(first.get().sending()), receive, dtmf, remoteAddress, am.port(), rtcpPort, mux, rsize,
                crypto, am.ptime(), extensions);
    }

    /** RFC 4568 §7.4: the answer's crypto line names one of our tags, with its suite, and carries the remote key. */
    private static NegotiatedCrypto answeredCrypto(int i, MediaDescription om, MediaDescription am)
            throws OfferAnswerException {
        if (am.cryptos().size() != 1) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, i, "answer must carry one a=crypto, it has "
                    + am.cryptos().size());
        }
        Crypto theirs = am.cryptos().get(0);
        Crypto ours = om.cryptos().stream().filter(c -> c.tag() == theirs.tag()).findFirst()
                .orElseThrow(() -> new OfferAnswerException(SdpWarning.MISCELLANEOUS, i,
                        "answer's crypto tag " + theirs.tag() + " was not offered"));
        if (!ours.suite().equals(theirs.suite())) {
            throw new OfferAnswerException(SdpWarning.MISCELLANEOUS, i, "answer's crypto tag " + theirs.tag()
                    + " has suite " + theirs.suite() + ", the offer " + ours.suite());
        }
        return new NegotiatedCrypto(theirs.tag(), theirs.suite(), ours.key().keySalt(), theirs.key().keySalt(),
                theirs.key().mki(), theirs.key().mkiLength());
    }
}
