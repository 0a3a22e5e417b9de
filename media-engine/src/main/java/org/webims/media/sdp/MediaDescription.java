package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media section (RFC 8866 §5.14): the m= line and its i=, c=, b=, k= and a= lines.
 * Immutable; {@link #toBuilder()} makes a changed copy.
 */
public final class MediaDescription extends SdpSection {

    private final String media;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formats;
    private final List<Connection> connections;

    private MediaDescription(Builder b) {
        super(b);
        this.media = Objects.requireNonNull(b.media, "media");
        this.port = b.port;
        this.portCount = b.portCount;
        this.proto = Objects.requireNonNull(b.proto, "proto");
        this.formats = List.copyOf(b.formats);
        this.connections = List.copyOf(b.connections);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port 0..65535");
        }
    }

    public static Builder builder(String media, int port, String proto) {
        return new Builder(media, port, proto);
    }

    public Builder toBuilder() {
        Builder b = new Builder(media, port, proto);
        b.portCount = portCount;
        b.formats.addAll(formats);
        b.connections.addAll(connections);
        copyInto(b);
        return b;
    }

    /** audio, video, text, application, message or another media type. */
    public String media() {
        return media;
    }

    public int port() {
        return port;
    }

    /** The number of ports after the slash of the m= line, 0 when absent. */
    public int portCount() {
        return portCount;
    }

    public String proto() {
        return proto;
    }

    public List<String> formats() {
        return formats;
    }

    /** Whether the transport is RTP (RTP/AVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF, ...), whose formats are payload types. */
    public boolean isRtp() {
        return proto.contains("RTP/");
    }

    /** The formats as RTP payload types, skipping any that are not numbers. */
    public List<Integer> payloadTypes() {
        List<Integer> out = new ArrayList<>(formats.size());
        for (String f : formats) {
            if (SdpSyntax.isDigits(f) && f.length() <= 3) {
                out.add(Integer.parseInt(f));
            }
        }
        return out;
    }

    /** Port 0: a stream rejected or disabled (RFC 3264 §5.1, §6). */
    public boolean isRejected() {
        return port == 0;
    }

    public List<Connection> connections() {
        return connections;
    }

    public Optional<Connection> connection() {
        return connections.isEmpty() ? Optional.empty() : Optional.of(connections.get(0));
    }

    public List<RtpMap> rtpMaps() {
        return attributes().ofType(RtpMap.class);
    }

    /** The rtpmap of a payload type: the a=rtpmap line, else the static assignment of RFC 3551. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (RtpMap m : attributes().ofType(RtpMap.class)) {
            if (m.payloadType() == payloadType) {
                return Optional.of(m);
            }
        }
        return StaticPayloadTypes.rtpMap(payloadType);
    }

    public Optional<Fmtp> fmtp(int payloadType) {
        String format = Integer.toString(payloadType);
        for (Fmtp f : attributes().ofType(Fmtp.class)) {
            if (f.format().equals(format)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The rtcp-fb lines for a payload type, including those for all ("*"). */
    public List<RtcpFeedback> rtcpFeedback(int payloadType) {
        List<RtcpFeedback> out = new ArrayList<>(4);
        for (RtcpFeedback f : attributes().ofType(RtcpFeedback.class)) {
            if (f.appliesTo(payloadType)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The direction attribute of this section; {@link SessionDescription#directionOf} applies the session default. */
    public Optional<Direction> direction() {
        return attributes().direction();
    }

    public Optional<String> mid() {
        return attributes().value("mid");
    }

    public Optional<Rtcp> rtcp() {
        return attributes().first(Rtcp.class);
    }

    /** RFC 5761 §5.1.1. */
    public boolean rtcpMux() {
        return attributes().has("rtcp-mux");
    }

    /** RFC 5506 §5. */
    public boolean rtcpReducedSize() {
        return attributes().has("rtcp-rsize");
    }

    public OptionalInt ptime() {
        return attributes().intValue("ptime");
    }

    public OptionalInt maxptime() {
        return attributes().intValue("maxptime");
    }

    public List<ExtMap> extMaps() {
        return attributes().ofType(ExtMap.class);
    }

    public List<Crypto> cryptos() {
        return attributes().ofType(Crypto.class);
    }

    public List<Candidate> candidates() {
        return attributes().ofType(Candidate.class);
    }

    /** RFC 8840 §8.2. */
    public boolean endOfCandidates() {
        return attributes().has("end-of-candidates");
    }

    public Optional<Msid> msid() {
        return attributes().first(Msid.class);
    }

    public List<Ssrc> ssrcs() {
        return attributes().ofType(Ssrc.class);
    }

    public List<SsrcGroup> ssrcGroups() {
        return attributes().ofType(SsrcGroup.class);
    }

    /**
     * The a=ssrc-group:FID pairs (RFC 5576 §4.2): a source, then the rtx source that retransmits it
     * (RFC 4588 §8.2); groups of another size are left out.
     */
    public List<SsrcGroup> fidPairs() {
        return ssrcGroups().stream().filter(g -> g.semantics().equalsIgnoreCase("FID") && g.ssrcs().size() == 2)
                .toList();
    }

    /** a=curr, a=des and a=conf lines (RFC 3312). */
    public List<Precondition> preconditions() {
        return attributes().ofType(Precondition.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && port == m.port && portCount == m.portCount && media.equals(m.media)
                && proto.equals(m.proto) && formats.equals(m.formats) && Objects.equals(information(), m.information())
                && connections.equals(m.connections) && bandwidths().equals(m.bandwidths())
                && Objects.equals(encryptionKey(), m.encryptionKey()) && attributes().equals(m.attributes());
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, proto, formats, attributes());
    }

    @Override
    public String toString() {
        return "m=" + media + ' ' + port + ' ' + proto + ' ' + String.join(" ", formats);
    }

    /** Builds a media section; attributes keep the order they are added in. */
    public static final class Builder extends SdpSection.Builder<Builder> {
        private String media;
        private int port;
        private int portCount;
        private String proto;
        private final List<String> formats = new ArrayList<>();
        private final List<Connection> connections = new ArrayList<>(1);

        private Builder(String media, int port, String proto) {
            this.media = media;
            this.port = port;
            this.proto = proto;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder media(String value) {
            this.media = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder portCount(int value) {
            this.portCount = value;
            return this;
        }

        public Builder proto(String value) {
            this.proto = value;
            return this;
        }

        public Builder format(String value) {
            formats.add(value);
            return this;
        }

        public Builder formats(List<String> values) {
            formats.clear();
            formats.addAll(values);
            return this;
        }

        public Builder connection(Connection value) {
            connections.add(value);
            return this;
        }

        public Builder clearConnections() {
            connections.clear();
            return this;
        }

        public Builder clearAttributes() {
            attributes.clear();
            return this;
        }

        /** Sets the direction, replacing any direction attribute (in place, else at the end). */
        public Builder direction(Direction value) {
            int at = -1;
            for (int i = attributes.size() - 1; i >= 0; i--) {
                SdpAttribute a = attributes.get(i);
                if (a.value() == null && Direction.fromAttributeName(a.name()) != null) {
                    attributes.remove(i);
                    at = i;
                }
            }
            attributes.add(at < 0 ? attributes.size() : at, value.toAttribute());
            return this;
        }

        public int attributeCount() {
            return attributes.size();
        }

        public MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
