package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5): the session-level lines and the media sections.
 * Immutable; {@link #toBuilder()} makes a changed copy. {@link SdpParser} reads one,
 * {@link SdpWriter} (and {@link #toString()}) writes it.
 */
public final class SessionDescription extends SdpSection {

    private final Origin origin;
    private final String sessionName;
    private final String uri;
    private final List<String> emails;
    private final List<String> phones;
    private final Connection connection;
    private final List<Timing> timings;
    private final String timeZones;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        super(b);
        this.origin = Objects.requireNonNull(b.origin, "origin");
        this.sessionName = Objects.requireNonNull(b.sessionName, "sessionName");
        this.uri = b.uri;
        this.emails = List.copyOf(b.emails);
        this.phones = List.copyOf(b.phones);
        this.connection = b.connection;
        this.timings = b.timings.isEmpty() ? List.of(Timing.UNBOUNDED) : List.copyOf(b.timings);
        this.timeZones = b.timeZones;
        this.media = List.copyOf(b.media);
    }

    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /** Parses with the default limits. */
    public static SessionDescription parse(String text) throws SdpParseException {
        return new SdpParser(SdpLimits.DEFAULTS).parse(text);
    }

    public Builder toBuilder() {
        Builder b = new Builder(origin);
        b.sessionName = sessionName;
        b.uri = uri;
        b.emails.addAll(emails);
        b.phones.addAll(phones);
        b.connection = connection;
        b.timings.addAll(timings);
        b.timeZones = timeZones;
        copyInto(b);
        b.media.addAll(media);
        return b;
    }

    /** Always 0: the only SDP version (RFC 8866 §5.1). */
    public int version() {
        return 0;
    }

    public Origin origin() {
        return origin;
    }

    public String sessionName() {
        return sessionName;
    }

    public String uri() {
        return uri;
    }

    public List<String> emails() {
        return emails;
    }

    public List<String> phones() {
        return phones;
    }

    /** The session-level c= line, if any. */
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    public List<Timing> timings() {
        return timings;
    }

    public String timeZones() {
        return timeZones;
    }

    public List<MediaDescription> media() {
        return media;
    }

    public List<Group> groups() {
        return attributes().ofType(Group.class);
    }

    /** The BUNDLE group (RFC 8843), if any. */
    public Optional<Group> bundle() {
        for (Group g : groups()) {
            if (Group.BUNDLE.equals(g.semantics())) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** RFC 8839 §5.3. */
    public boolean iceLite() {
        return attributes().has("ice-lite");
    }

    /** a=msid-semantic, as written (e.g. " WMS" or "WMS *"). */
    public Optional<String> msidSemantic() {
        return attributes().value("msid-semantic");
    }

    /** The media section's c=, else the session's (RFC 8866 §5.7). */
    public Optional<Connection> connectionOf(MediaDescription m) {
        return m.connection().or(this::connection);
    }

    /** The media section's direction, else the session's, else sendrecv (RFC 8866 §6.7). */
    public Direction directionOf(MediaDescription m) {
        return m.direction().or(attributes()::direction).orElse(Direction.SENDRECV);
    }

    /** The ICE ufrag of a media section, else the session's (RFC 8839 §5.4). */
    public Optional<String> iceUfragOf(MediaDescription m) {
        return m.iceUfrag().or(this::iceUfrag);
    }

    public Optional<String> icePwdOf(MediaDescription m) {
        return m.icePwd().or(this::icePwd);
    }

    /** The media section's fingerprints, else the session's (RFC 8122 §5). */
    public List<Fingerprint> fingerprintsOf(MediaDescription m) {
        List<Fingerprint> f = m.fingerprints();
        return f.isEmpty() ? fingerprints() : f;
    }

    public Optional<Setup> setupOf(MediaDescription m) {
        return m.setup().or(this::setup);
    }

    @Override
    public String toString() {
        return SdpWriter.write(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds a session description; t= defaults to "0 0" when no timing is added. */
    public static final class Builder extends SdpSection.Builder<Builder> {
        private Origin origin;
        private String sessionName = "-";
        private String uri;
        private final List<String> emails = new ArrayList<>(0);
        private final List<String> phones = new ArrayList<>(0);
        private Connection connection;
        private final List<Timing> timings = new ArrayList<>(1);
        private String timeZones;
        private final List<MediaDescription> media = new ArrayList<>(2);

        private Builder(Origin origin) {
            this.origin = origin;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder origin(Origin value) {
            this.origin = value;
            return this;
        }

        public Builder sessionName(String value) {
            SdpSyntax.checkValueText(value, "session name");
            this.sessionName = value;
            return this;
        }

        public Builder uri(String value) {
            this.uri = value;
            return this;
        }

        public Builder email(String value) {
            emails.add(value);
            return this;
        }

        public Builder phone(String value) {
            phones.add(value);
            return this;
        }

        public Builder connection(Connection value) {
            this.connection = value;
            return this;
        }

        public Builder timing(Timing value) {
            timings.add(value);
            return this;
        }

        public Builder timeZones(String value) {
            this.timeZones = value;
            return this;
        }

        public Builder media(MediaDescription value) {
            media.add(Objects.requireNonNull(value));
            return this;
        }

        public Builder clearMedia() {
            media.clear();
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(this);
        }
    }
}
