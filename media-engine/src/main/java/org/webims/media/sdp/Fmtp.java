package org.webims.media.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * a=fmtp (RFC 8866 §6.15): the format and its parameters, kept as written. {@link #parameterMap()}
 * reads the usual {@code name=value;name=value} form, names lower-cased (media type parameter
 * names are case-insensitive, RFC 6838 §4.3).
 */
public record Fmtp(String format, String parameters) implements SdpAttribute {

    public static final String NAME = "fmtp";

    public Fmtp {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(parameters, "parameters");
        SdpSyntax.checkValueText(parameters, "fmtp parameters");
    }

    public static Fmtp of(int payloadType, Map<String, String> parameters) {
        return new Fmtp(Integer.toString(payloadType), format(parameters));
    }

    public static Fmtp parse(String value) throws SdpParseException {
        int sp = value.indexOf(' ');
        String format = sp < 0 ? value : value.substring(0, sp);
        SdpSyntax.token(format, "fmtp format");
        return new Fmtp(format, sp < 0 ? "" : value.substring(sp + 1).trim());
    }

    /** The parameters as name to value; entries without '=' (such as telephone-event's "0-15") map to "". */
    public Map<String, String> parameterMap() {
        return parseParameters(parameters);
    }

    public static Map<String, String> parseParameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                out.put(p.toLowerCase(Locale.ROOT), "");
            } else {
                out.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code name=value;name=value}; an entry with an empty value is written as its name alone. */
    public static String format(Map<String, String> parameters) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                b.append('=').append(e.getValue());
            }
        }
        return b.toString();
    }

    /** The payload type this fmtp applies to, or -1 when the format is not a number. */
    public int payloadType() {
        return SdpSyntax.isDigits(format) && format.length() <= 3 ? Integer.parseInt(format) : -1;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return parameters.isEmpty() ? format : format + ' ' + parameters;
    }
}
