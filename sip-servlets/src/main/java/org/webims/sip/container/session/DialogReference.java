package org.webims.sip.container.session;

import java.util.Locale;

/**
 * The dialog a Join or Replaces header names (RFC 3911 §7.1, RFC 3891 §6.1):
 * {@code callid *(";" to-tag / from-tag / early-only / generic-param)}, both tags required.
 */
record DialogReference(String callId, String toTag, String fromTag) {

    /** The reference in {@code value}, or null when it is missing or malformed. */
    static DialogReference parse(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(";");
        String callId = parts[0].strip();
        String toTag = null;
        String fromTag = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? null : p.substring(eq + 1).strip();
            switch (name) {
                case "to-tag" -> toTag = v;
                case "from-tag" -> fromTag = v;
                default -> { } // early-only (RFC 3891 §3: the application's to judge, from the session's state), generic-param
            }
        }
        if (callId.isEmpty() || toTag == null || toTag.isEmpty() || fromTag == null || fromTag.isEmpty()) {
            return null;
        }
        return new DialogReference(callId, toTag, fromTag);
    }
}
