package org.webims.testims.core.hss;

import java.util.Locale;

/**
 * Compares public identities the way the HSS looks them up: a sip: URI by user and host (host
 * case-insensitive, parameters and port dropped), a tel: URI by its number without visual
 * separators (RFC 3966 §5.1.1), and a sip: URI with user=phone as the tel: URI of its user part
 * (RFC 3261 §19.1.6).
 */
public final class PublicIdentities {
    private PublicIdentities() {
    }

    public static String key(String uri) {
        String u = uri.strip();
        int angle = u.indexOf('<');
        if (angle >= 0) {
            u = u.substring(angle + 1, u.indexOf('>', angle) < 0 ? u.length() : u.indexOf('>', angle));
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tel:")) {
            return "tel:" + number(u.substring(4));
        }
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            String rest = u.substring(u.indexOf(':') + 1);
            int at = rest.indexOf('@');
            String user = at < 0 ? "" : rest.substring(0, at);
            String hostPart = at < 0 ? rest : rest.substring(at + 1);
            if (lower.contains(";user=phone") && !user.isEmpty()) {
                return "tel:" + number(user);
            }
            String host = hostPart.split("[;:?>]", 2)[0].toLowerCase(Locale.ROOT);
            return "sip:" + user + "@" + host;
        }
        return u;
    }

    private static String number(String telNumber) {
        String n = telNumber.split("[;?>]", 2)[0];
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
