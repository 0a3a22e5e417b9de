package org.webims.media.sdp.negotiation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.sdp.Connection;
import org.webims.media.sdp.Crypto;
import org.webims.media.sdp.CryptoKey;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.ExtMap;
import org.webims.media.sdp.GenericAttribute;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpAttribute;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SessionDescription;

/**
 * Answers an SDP offer (RFC 3264 §6): one answer m-line per offered one, in order; accepted
 * lines keep the offerer's payload type numbers, proto and mid, take the reversed direction
 * narrowed to ours, and get SDES keys of our own when the offer uses RTP/SAVP(F) with a=crypto;
 * refused lines get port 0 with the offered formats. Thread-safe.
 */
public final class Answerer {

    private static final Logger LOG = LoggerFactory.getLogger(Answerer.class);

    private final SdesKeys keys;

    public Answerer() {
        this(new SecureRandom());
    }

    public Answerer(SecureRandom random) {
        this.keys = new SdesKeys(random);
    }

    public Answer answer(SessionDescription offer, LocalCapabilities caps, LocalTransport transport) {
        List<MediaDescription> media = new ArrayList<>(offer.media().size());
        List<NegotiatedMedia> negotiated = new ArrayList<>(offer.media().size());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            NegotiatedMedia result = answerMedia(offer, i, m, caps, transport, media);
            negotiated.add(result);
            result.rejection().ifPresent(r -> LOG.atDebug().addKeyValue("mline", m)
                    .addKeyValue("reason", r.reason()).log("refusing offered media"));
        }
        return new Answer(media, negotiated);
    }

    private NegotiatedMedia answerMedia(SessionDescription offer, int index, MediaDescription m,
            LocalCapabilities caps, LocalTransport transport, List<MediaDescription> out) {
        Optional<MediaCapabilities> found = caps.forMedia(m.media());
        Rejection rejection = null;
        if (m.isRejected()) {
            rejection = new Rejection(SdpWarning.MEDIA_TYPE_NOT_AVAILABLE, m.media() + " stream disabled by the offer");
        } else if (found.isEmpty()) {
            rejection = new Rejection(SdpWarning.MEDIA_TYPE_NOT_AVAILABLE, "media type " + m.media() + " not available");
        } else if (!m.isRtp() || !found.get().protocols().contains(m.proto())) {
            rejection = new Rejection(SdpWarning.INCOMPATIBLE_TRANSPORT, "transport " + m.proto() + " not supported");
        }
        List<CodecSelector.Accepted> accepted = List.of();
        if (rejection == null) {
            accepted = CodecSelector.select(m, found.get(), caps.preference(), caps.singleCodec());
            if (accepted.isEmpty()) {
                rejection = new Rejection(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, "no common " + m.media() + " codec");
            }
        }
        Optional<Crypto> theirCrypto = Optional.empty();
        if (rejection == null && usesSdes(m.proto())) {
            theirCrypto = chooseCrypto(m, found.get());
            if (theirCrypto.isEmpty()) {
                rejection = new Rejection(SdpWarning.MISCELLANEOUS, "no acceptable a=crypto");
            }
        }
        if (rejection != null) {
            out.add(rejectedLine(m));
            return NegotiatedMedia.rejected(index, m.media(), m.mid(), rejection);
        }
        MediaCapabilities mc = found.get();
        Direction direction = offer.directionOf(m).reverse().intersect(mc.direction());
        boolean mux = m.rtcpMux() && mc.rtcpMux();
        boolean rsize = m.rtcpReducedSize() && mc.rtcpReducedSize();
        LocalTransport.Address local = transport.allocate(index, m.media());

        MediaDescription.Builder b = MediaDescription.builder(m.media(), local.port(), m.proto())
                .connection(Connection.of(local.address()));
        m.mid().ifPresent(mid -> b.attribute(new GenericAttribute("mid", mid)));
        b.direction(direction);
        if (mux) {
            b.attribute(SdpAttribute.flag("rtcp-mux"));
        }
        if (rsize) {
            b.attribute(SdpAttribute.flag("rtcp-rsize"));
        }
        List<ExtMap> extensions = new ArrayList<>();
        for (ExtMap e : m.extMaps()) {
            if (mc.extensionUris().contains(e.uri())) {
                ExtMap answered = new ExtMap(e.id(), e.direction() == null ? null : e.direction().reverse(), e.uri(),
                        e.extensionAttributes());
                extensions.add(answered);
                b.attribute(answered);
            }
        }
        for (CodecSelector.Accepted a : accepted) {
            MediaSectionWriter.payloadType(b, a.rtpMap(), a.answer(), a.feedback());
        }
        if (mc.ptime() > 0) {
            b.attribute(GenericAttribute.of("ptime", mc.ptime()));
        }
        if (mc.maxptime() > 0) {
            b.attribute(GenericAttribute.of("maxptime", mc.maxptime()));
        }
        Optional<NegotiatedCrypto> crypto = Optional.empty();
        if (theirCrypto.isPresent()) {
            Crypto t = theirCrypto.get();
            Crypto mine = keys.newCrypto(t.tag(), t.suite()); // RFC 4568 §7.1.2: same tag and suite, our key
            b.attribute(mine);
            CryptoKey remote = t.key();
            crypto = Optional.of(new NegotiatedCrypto(t.tag(), t.suite(), mine.key().keySalt(), remote.keySalt(),
                    remote.mki(), remote.mkiLength()));
        }
        out.add(b.build());

        CodecSelector.Accepted first = accepted.get(0);
        List<NegotiatedCodec> receive = accepted.stream().map(CodecSelector.Accepted::receiving).toList();
        OptionalInt dtmf = accepted.stream()
                .filter(a -> a.rtpMap().encodingName().equalsIgnoreCase("telephone-event")
                        && a.rtpMap().clockRate() == first.rtpMap().clockRate())
                .mapToInt(CodecSelector.Accepted::payloadType).findFirst();
        String remoteAddress = offer.connectionOf(m).map(Connection::address).orElse(null);
        int rtcpPort = mux ? m.port() : m.rtcp().map(r -> r.port()).orElse(m.port() + 1);
        return new NegotiatedMedia(index, m.media(), m.mid(), Optional.empty(), direction,
                Optional.of(first.sending()), receive, dtmf, remoteAddress, m.port(), rtcpPort, mux, rsize, crypto,
                m.ptime(), extensions);
    }

    /** RFC 3264 §6: a refused stream is answered with port 0 and the offered formats; the mid stays (RFC 8843 §7.3.3). */
    static MediaDescription rejectedLine(MediaDescription m) {
        MediaDescription.Builder b = MediaDescription.builder(m.media(), 0, m.proto()).formats(m.formats());
        m.mid().ifPresent(mid -> b.attribute(new GenericAttribute("mid", mid)));
        return b.build();
    }

    /** SDES (RFC 4568) keys RTP/SAVP and RTP/SAVPF; the DTLS profiles (UDP/TLS/...) key through DTLS-SRTP. */
    static boolean usesSdes(String proto) {
        return proto.startsWith("RTP/SAVP");
    }

    /**
     * RFC 4568 §7.1.2: the first offered crypto line whose suite we support. Lines with session
     * parameters are passed over: we implement none of them (§6.3 lets us not understand them).
     */
    private static Optional<Crypto> chooseCrypto(MediaDescription m, MediaCapabilities mc) {
        for (Crypto c : m.cryptos()) {
            if (mc.cryptoSuites().contains(c.suite()) && SdesKeys.canKey(c.suite()) && c.sessionParameters().isEmpty()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
