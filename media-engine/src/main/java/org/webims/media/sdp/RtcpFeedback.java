package org.webims.media.sdp;

import java.util.Objects;

/**
 * a=rtcp-fb (RFC 4585 §4.2): a payload type (or "*" for all), the feedback type (nack, ccm,
 * goog-remb, transport-cc, trr-int, ...) and its parameters ("pli", "fir", ...).
 */
public record RtcpFeedback(String format, String type, String parameters) implements SdpAttribute {

    public static final String NAME = "rtcp-fb";
    public static final String ALL_FORMATS = "*";

    public RtcpFeedback {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(type, "type");
    }

    public static RtcpFeedback parse(String value) throws SdpParseException {
        var f = SdpSyntax.fields(value);
        if (f.size() < 2) {
            throw SdpParseException.syntax("rtcp-fb must be <payload type or *> <feedback type> [parameters]");
        }
        String format = f.get(0);
        if (!ALL_FORMATS.equals(format)) {
            SdpSyntax.integer(format, 0, 127, "rtcp-fb payload type");
        }
        String type = SdpSyntax.token(f.get(1), "rtcp-fb type");
        String params = f.size() > 2 ? String.join(" ", f.subList(2, f.size())) : null;
        return new RtcpFeedback(format, type, params);
    }

    /** Feedback type and parameters, e.g. "nack pli", the form {@code CodecCapability} lists. */
    public String feedback() {
        return parameters == null ? type : type + ' ' + parameters;
    }

    public boolean appliesTo(int payloadType) {
        return ALL_FORMATS.equals(format) || format.equals(Integer.toString(payloadType));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return format + ' ' + feedback();
    }
}
