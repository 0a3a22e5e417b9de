package org.webims.sip.stack;

import java.util.List;
import org.webims.sip.stack.inbound.InboundLimits;

/**
 * What the SIP stack is started with.
 *
 * @param name            the stack's name, for logs and thread names
 * @param listenAddresses sockets to open; UDP and TCP may share a port
 * @param inbound         what a peer may send: message size, header count, line length, and how long
 *                        a stream may hold an incomplete message (RFC 3261 §18.3, §21.5.14)
 */
public record SipStackSettings(String name, List<ListenAddress> listenAddresses, InboundLimits inbound) {
    public SipStackSettings {
        listenAddresses = List.copyOf(listenAddresses);
        if (listenAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one SIP listen address is needed");
        }
        if (inbound == null) {
            throw new IllegalArgumentException("inbound limits are needed");
        }
    }

    /** Settings with the default header, line and incomplete-message limits. */
    public SipStackSettings(String name, List<ListenAddress> listenAddresses, int maxMessageBytes) {
        this(name, listenAddresses, InboundLimits.withDefaults(maxMessageBytes));
    }

    /** The largest message accepted (RFC 3261 §18.3 framing limit on streams; 513 above it). */
    public int maxMessageBytes() {
        return inbound.maxMessageBytes();
    }
}
