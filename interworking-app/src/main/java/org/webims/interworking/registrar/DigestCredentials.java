package org.webims.interworking.registrar;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a Digest Authorization header (RFC 7616 §3.4; RFC 3261 §25.1 grammar):
 * comma-separated {@code name=value} pairs, values quoted or tokens.
 */
record DigestCredentials(Map<String, String> params) {

    /** The credentials in {@code header}, empty when it is not a well-formed Digest header. */
    static Optional<DigestCredentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(h.charAt(6))) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        int i = 7;
        int n = h.length();
        while (i < n) {
            while (i < n && (h.charAt(i) == ',' || Character.isWhitespace(h.charAt(i)))) {
                i++;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(h.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && h.charAt(i) == '"') {
                i++;
                while (i < n && h.charAt(i) != '"') {
                    if (h.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(h.charAt(i++));
                }
                if (i >= n) {
                    return Optional.empty(); // unterminated quoted string
                }
                i++;
            } else {
                while (i < n && h.charAt(i) != ',') {
                    value.append(h.charAt(i++));
                }
            }
            if (name.isEmpty() || params.put(name, value.toString().strip()) != null) {
                return Optional.empty(); // RFC 7616 §3.4: each parameter at most once
            }
        }
        return Optional.of(new DigestCredentials(Map.copyOf(params)));
    }

    String get(String name) {
        return params.get(name);
    }
}
