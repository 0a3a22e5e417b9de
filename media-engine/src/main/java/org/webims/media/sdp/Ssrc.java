package org.webims.media.sdp;

import java.util.Objects;

/** a=ssrc (RFC 5576 §4.1): a source and one of its attributes (cname, msid, ...); value null for a property. */
public record Ssrc(long ssrc, String attribute, String attributeValue) implements SdpAttribute {

    public static final String NAME = "ssrc";

    public Ssrc {
        Objects.requireNonNull(attribute, "attribute");
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc is 32 bits");
        }
    }

    public static Ssrc parse(String value) throws SdpParseException {
        int sp = value.indexOf(' ');
        if (sp <= 0) {
            throw SdpParseException.syntax("ssrc must be <ssrc-id> <attribute>[:<value>]");
        }
        long ssrc = SdpSyntax.longInteger(value.substring(0, sp), 0, 0xFFFF_FFFFL, "ssrc");
        String rest = value.substring(sp + 1).trim();
        int colon = rest.indexOf(':');
        String attr = colon < 0 ? rest : rest.substring(0, colon);
        SdpSyntax.token(attr, "ssrc attribute");
        return new Ssrc(ssrc, attr, colon < 0 ? null : rest.substring(colon + 1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return attributeValue == null ? ssrc + " " + attribute : ssrc + " " + attribute + ':' + attributeValue;
    }
}
