package org.webims.sip.sessiontimer;

import java.util.Locale;

/**
 * Who refreshes the session, as the refresher parameter of Session-Expires names it (RFC 4028
 * §4): the UAC or the UAS of the transaction carrying the header, not of the dialog.
 */
public enum Refresher {
    UAC, UAS;

    /** The parameter's value, or null for anything else (RFC 4028 §4 allows only these two). */
    static Refresher parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "uac" -> UAC;
            case "uas" -> UAS;
            default -> null;
        };
    }

    String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
