package org.webims.sip.stack;

import java.util.Objects;

/** One socket the container listens on: a transport, a local address and a port. */
public record ListenAddress(SipTransport transport, String host, int port) {
    public ListenAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return transport.name().toLowerCase() + ":" + host + ":" + port;
    }
}
