package org.webims.media.sdp;

import java.util.Objects;

/**
 * An attribute kept verbatim: unknown ones, and known ones with a simple value (mid, ptime,
 * setup, ice-ufrag, directions, ...). Names with a typed class (rtpmap, candidate, ...) are
 * refused here so that typed accessors see every such attribute; use {@link SdpAttribute#of}.
 */
public record GenericAttribute(String name, String value) implements SdpAttribute {

    public GenericAttribute {
        if (!SdpSyntax.isToken(name)) {
            throw new IllegalArgumentException("bad attribute name '" + name + "'");
        }
        if (value != null) {
            SdpSyntax.checkValueText(value, "attribute value");
            if (KnownAttributes.isTyped(name)) {
                throw new IllegalArgumentException("a=" + name + " has a typed class; use SdpAttribute.of");
            }
        }
    }

    public static GenericAttribute of(String name, Object value) {
        return new GenericAttribute(name, String.valueOf(Objects.requireNonNull(value)));
    }
}
