package org.webims.media.sdp;

/**
 * An a= line (RFC 8866 §5.13): a property attribute ({@code a=rtcp-mux}, value null) or a value
 * attribute ({@code a=rtpmap:111 opus/48000/2}). Typed classes exist for the attributes the
 * media engine acts on; {@link #of} picks them, and {@link GenericAttribute} holds the rest.
 */
public interface SdpAttribute {

    /** The attribute name, as written (case is kept). */
    String name();

    /** What follows the colon, or null for a property attribute. */
    String value();

    /**
     * The attribute for a name and value: the typed class for a known name (validated), a
     * {@link GenericAttribute} otherwise.
     *
     * @throws SdpParseException when a known attribute's value does not follow its grammar
     */
    static SdpAttribute of(String name, String value) throws SdpParseException {
        return KnownAttributes.parse(name, value);
    }

    /** A property attribute such as {@code rtcp-mux} or {@code ice-lite}. */
    static SdpAttribute flag(String name) {
        return new GenericAttribute(name, null);
    }
}
