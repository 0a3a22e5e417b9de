package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the session level and a media section both carry (RFC 8866 §5): the i=, b=, k= and a=
 * lines, and the attribute lookups valid at both levels (ICE RFC 8839 §5, fingerprint and setup
 * RFC 8122 §5). {@link SessionDescription} and {@link MediaDescription} add their own lines.
 */
abstract sealed class SdpSection permits SessionDescription, MediaDescription {

    private final String information;
    private final List<Bandwidth> bandwidths;
    private final String encryptionKey;
    private final Attributes attributes;

    SdpSection(Builder<?> b) {
        this.information = b.information;
        this.bandwidths = List.copyOf(b.bandwidths);
        this.encryptionKey = b.encryptionKey;
        this.attributes = new Attributes(b.attributes);
    }

    /** Copies this level's shared lines into a builder, for toBuilder(). */
    final void copyInto(Builder<?> b) {
        b.information = information;
        b.bandwidths.addAll(bandwidths);
        b.encryptionKey = encryptionKey;
        b.attributes.addAll(attributes.asList());
    }

    public String information() {
        return information;
    }

    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The value of this level's b= line of {@code type} (RFC 8866 §5.8), empty without one. */
    public java.util.OptionalLong bandwidth(String type) {
        for (Bandwidth b : bandwidths) {
            if (b.type().equals(type)) {
                return java.util.OptionalLong.of(b.value());
            }
        }
        return java.util.OptionalLong.empty();
    }

    /**
     * RFC 3890 §6.4 a=maxprate: the most packets a second the stream (media level) or the session
     * (session level) carries, as the parser checked it; empty without one.
     */
    public java.util.OptionalDouble maxprate() {
        return attributes.value("maxprate").map(v -> java.util.OptionalDouble.of(Double.parseDouble(v.trim())))
                .orElse(java.util.OptionalDouble.empty());
    }

    public String encryptionKey() {
        return encryptionKey;
    }

    public Attributes attributes() {
        return attributes;
    }

    public Optional<String> iceUfrag() {
        return attributes.value("ice-ufrag");
    }

    public Optional<String> icePwd() {
        return attributes.value("ice-pwd");
    }

    public List<String> iceOptions() {
        return attributes.tokens("ice-options");
    }

    public List<Fingerprint> fingerprints() {
        return attributes.ofType(Fingerprint.class);
    }

    public Optional<Setup> setup() {
        return attributes.setup();
    }

    /** The builder part for the shared lines; {@code B} is the concrete builder, returned for chaining. */
    abstract static sealed class Builder<B extends Builder<B>> permits SessionDescription.Builder, MediaDescription.Builder {
        private String information;
        private final List<Bandwidth> bandwidths = new ArrayList<>(1);
        private String encryptionKey;
        /** The a= lines in the order they are added; the media builder edits them in place. */
        final List<SdpAttribute> attributes = new ArrayList<>();

        abstract B self();

        public B information(String value) {
            this.information = value;
            return self();
        }

        public B bandwidth(Bandwidth value) {
            bandwidths.add(value);
            return self();
        }

        /** Drops the b= lines so far: a description re-made from an earlier one gets this time's. */
        public B clearBandwidths() {
            bandwidths.clear();
            return self();
        }

        public B encryptionKey(String value) {
            this.encryptionKey = value;
            return self();
        }

        public B attribute(SdpAttribute value) {
            attributes.add(Objects.requireNonNull(value));
            return self();
        }

        /** Removes every attribute with this name. */
        public B removeAttributes(String name) {
            attributes.removeIf(a -> a.name().equals(name));
            return self();
        }
    }
}
