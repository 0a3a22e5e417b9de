package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.webims.sip.stack.ContainerSipStack;

/** Hands a closed WS or WSS connection's client address to its stack's {@link org.webims.sip.stack.WebSocketClosures}. */
final class WebSocketClosing {
    private WebSocketClosing() {
    }

    static void tell(SIPTransactionStack stack, InetAddress peer, int port) {
        if (stack instanceof ContainerSipStack container && peer != null) {
            container.webSocketClosures().closed(new InetSocketAddress(peer, port));
        }
    }
}
