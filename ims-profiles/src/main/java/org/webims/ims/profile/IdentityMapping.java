package org.webims.ims.profile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Web identity to IMS public user identity (IMPU): the first rule whose pattern matches, else
 * the default IMPU, else none (the application refuses the request, e.g. 403).
 */
public record IdentityMapping(List<IdentityRule> rules, Optional<String> defaultImpu) {

    public IdentityMapping {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultImpu, "defaultImpu");
    }

    /**
     * The IMPU for a web identity such as {@code sip:alice@web.example.com}. URI parameters and
     * headers are ignored; scheme and host compare case-insensitively (RFC 3261 §19.1.4).
     */
    public Optional<String> map(String webIdentity) {
        String normalised = normalise(webIdentity);
        for (IdentityRule r : rules) {
            Optional<String> impu = r.apply(normalised);
            if (impu.isPresent()) {
                return impu;
            }
        }
        return defaultImpu;
    }

    /** Scheme and host lower-cased, parameters (';') and headers ('?') after the host dropped. */
    static String normalise(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon + 1).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? uri : uri.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            return scheme + rest;
        }
        String host = rest.substring(at + 1);
        int end = host.length();
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == ';' || c == '?') {
                end = i;
                break;
            }
        }
        return scheme + rest.substring(0, at + 1) + host.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
