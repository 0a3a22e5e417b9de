package org.webims.sip.stack;

import java.util.List;

/**
 * What the SIP stack is started with.
 *
 * @param name            the stack's name, for logs and thread names
 * @param listenAddresses sockets to open; UDP and TCP may share a port
 * @param maxMessageBytes the largest message accepted on a stream transport (RFC 3261 §18.3 framing limit)
 * @param tls             key material for the TLS and WSS listeners; {@code null} when there are none
 */
public record SipStackSettings(String name, List<ListenAddress> listenAddresses, int maxMessageBytes,
                               TlsSettings tls) {
    public SipStackSettings(String name, List<ListenAddress> listenAddresses, int maxMessageBytes) {
        this(name, listenAddresses, maxMessageBytes, null);
    }

    public SipStackSettings {
        listenAddresses = List.copyOf(listenAddresses);
        if (listenAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one SIP listen address is needed");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes below 1024: " + maxMessageBytes);
        }
        if (tls == null && listenAddresses.stream().anyMatch(a -> a.transport().isSecure())) {
            throw new IllegalArgumentException("TLS and WSS listeners need TLS settings (a key store)");
        }
    }
}
