package org.webims.sip.stack;

import java.util.Locale;

/** The SIP transports the container can listen on. RFC 3261 §18, RFC 7118 for WS/WSS. */
public enum SipTransport {
    UDP(false), TCP(true), TLS(true), WS(true), WSS(true);

    private final boolean streamOriented;

    SipTransport(boolean streamOriented) {
        this.streamOriented = streamOriented;
    }

    /** Whether messages are framed by Content-Length on a stream (RFC 3261 §18.3). */
    public boolean isStreamOriented() {
        return streamOriented;
    }

    /** Whether the transport runs over TLS (RFC 3261 §26.2, RFC 7118 §5), needing key material. */
    public boolean isSecure() {
        return this == TLS || this == WSS;
    }

    /** The name JAIN-SIP uses for a listening point of this transport. */
    public String jainSipName() {
        return name();
    }

    public static SipTransport parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
