package org.webims.interworking.settings;

import java.util.Locale;

/** Comparison of IMS public identities (IMPUs) given as text. */
public final class Impus {
    private Impus() {
    }

    /**
     * What two forms of one IMPU share: the scheme and host lower-cased, the user part as it is,
     * URI parameters and headers dropped ({@code sip:+4930111@ims.test;user=phone} and
     * {@code SIP:+4930111@IMS.test} are one identity; RFC 3261 §19.1.4, RFC 3966 §3).
     */
    public static String key(String uri) {
        String u = uri.strip();
        if (u.startsWith("<") && u.endsWith(">")) {
            u = u.substring(1, u.length() - 1);
        }
        int colon = u.indexOf(':');
        String scheme = colon < 0 ? "" : u.substring(0, colon + 1).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? u : u.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        String user = at < 0 ? "" : rest.substring(0, at + 1);
        String host = at < 0 ? rest : rest.substring(at + 1);
        int end = host.length();
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == ';' || c == '?') {
                end = i;
                break;
            }
        }
        return scheme + user + host.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
