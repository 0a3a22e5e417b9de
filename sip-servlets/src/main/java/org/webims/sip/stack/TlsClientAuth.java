package org.webims.sip.stack;

import java.util.Locale;

/** Whether the TLS server side asks peers for a certificate (RFC 3261 §26.3.2.2 mutual TLS). */
public enum TlsClientAuth {
    /** No certificate requested. */
    NONE("Disabled"),
    /** Requested; a peer without one is accepted, a peer with an untrusted one is not. */
    WANT("Want"),
    /** Required and checked against the trust store. */
    NEED("Enabled");

    private final String jainSipName;

    TlsClientAuth(String jainSipName) {
        this.jainSipName = jainSipName;
    }

    /** The value of JAIN-SIP's {@code gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE}. */
    public String jainSipName() {
        return jainSipName;
    }

    /** {@code none}, {@code want} or {@code need}, any case; {@code null} for anything else. */
    public static TlsClientAuth parseOrNull(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "want" -> WANT;
            case "need" -> NEED;
            default -> null;
        };
    }
}
