package org.webims.sip.stack;

import java.util.List;
import org.webims.sip.stack.inbound.InboundLimits;
import org.webims.sip.stack.inbound.WebSocketOrigins;
import org.webims.sip.stack.timer.TimerT1;

/**
 * What the SIP stack is started with.
 *
 * @param name            the stack's name, for logs and thread names
 * @param listenAddresses sockets to open; UDP and TCP may share a port
 * @param inbound         what a peer may send: message size, header count, line length, and how long
 *                        a stream may hold an incomplete message (RFC 3261 §18.3, §21.5.14)
 * @param tls             key material for the TLS and WSS listeners; {@code null} when there are none
 * @param webSocketOrigins the page origins the WS and WSS listeners open connections for (RFC 6455
 *                        §10.2); the inbound limits and this check apply alike to TCP, TLS, WS and
 *                        WSS (decision 0002)
 * @param t1              RFC 3261 §17.1.1.1's T1, which the stack's transaction and dialog timers
 *                        and the container's 64*T1 timers follow ({@link TimerT1}; 500 ms by default)
 */
public record SipStackSettings(String name, List<ListenAddress> listenAddresses, InboundLimits inbound,
                               TlsSettings tls, WebSocketOrigins webSocketOrigins, TimerT1 t1) {
    public SipStackSettings {
        listenAddresses = List.copyOf(listenAddresses);
        if (listenAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one SIP listen address is needed");
        }
        if (inbound == null) {
            throw new IllegalArgumentException("inbound limits are needed");
        }
        if (tls == null && listenAddresses.stream().anyMatch(a -> a.transport().isSecure())) {
            throw new IllegalArgumentException("TLS and WSS listeners need TLS settings (a key store)");
        }
        if (webSocketOrigins == null) {
            webSocketOrigins = WebSocketOrigins.ANY;
        }
        if (t1 == null) {
            t1 = TimerT1.DEFAULT;
        }
    }

    /** Settings with the default T1 (500 ms). */
    public SipStackSettings(String name, List<ListenAddress> listenAddresses, InboundLimits inbound,
                            TlsSettings tls, WebSocketOrigins webSocketOrigins) {
        this(name, listenAddresses, inbound, tls, webSocketOrigins, TimerT1.DEFAULT);
    }

    /** Settings whose WebSocket listener admits every origin. */
    public SipStackSettings(String name, List<ListenAddress> listenAddresses, InboundLimits inbound, TlsSettings tls) {
        this(name, listenAddresses, inbound, tls, WebSocketOrigins.ANY);
    }

    /** Settings with the default header, line and incomplete-message limits and no TLS. */
    public SipStackSettings(String name, List<ListenAddress> listenAddresses, int maxMessageBytes) {
        this(name, listenAddresses, InboundLimits.withDefaults(maxMessageBytes), null);
    }

    /** Settings with the default inbound limits. */
    public SipStackSettings(String name, List<ListenAddress> listenAddresses, int maxMessageBytes, TlsSettings tls) {
        this(name, listenAddresses, InboundLimits.withDefaults(maxMessageBytes), tls);
    }

    /** These settings with {@code t1} as T1. */
    public SipStackSettings withT1(TimerT1 t1) {
        return new SipStackSettings(name, listenAddresses, inbound, tls, webSocketOrigins, t1);
    }

    /** The largest message accepted (RFC 3261 §18.3 framing limit on streams; 513 above it). */
    public int maxMessageBytes() {
        return inbound.maxMessageBytes();
    }
}
