package org.webims.media.sdp;

import java.util.Objects;

/** A b= line (RFC 8866 §5.8): AS (kbit/s), CT, TIAS (bit/s, RFC 3890), RS/RR (RFC 3556) or another type. */
public record Bandwidth(String type, long value) {

    public static final String AS = "AS";
    public static final String TIAS = "TIAS";

    public Bandwidth {
        Objects.requireNonNull(type, "type");
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative");
        }
    }

    public static Bandwidth parse(String text) throws SdpParseException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw SdpParseException.syntax("b= must be bwtype:bandwidth");
        }
        String type = SdpSyntax.token(text.substring(0, colon), "bandwidth type");
        long value = SdpSyntax.longInteger(text.substring(colon + 1).trim(), 0, Long.MAX_VALUE / 2, "bandwidth");
        return new Bandwidth(type, value);
    }

    public String text() {
        return type + ':' + value;
    }
}
