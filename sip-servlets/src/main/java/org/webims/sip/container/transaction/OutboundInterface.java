package org.webims.sip.container.transaction;

import java.net.InetSocketAddress;
import javax.sip.ListeningPoint;
import javax.sip.message.Request;
import org.webims.sip.container.ContainerContext;

/**
 * Which of the container's listening points a request leaves from when the application chose an
 * outbound interface (JSR 289 §10.2 and §6.2: {@code Proxy}, {@code ProxyBranch} and
 * {@code SipSession.setOutboundInterface}). The interface's listening point of the transport the
 * next hop names; where the next hop names none the client may choose (RFC 3263 §4.1), so the
 * interface's own transport. A port of 0 means any port of that address. The request's top Via
 * then names that listening point, and JAIN-SIP sends on the Via's transport when the URI names none.
 */
public final class OutboundInterface {
    private OutboundInterface() {
    }

    /** The listening point for {@code request}; {@code chosen} null: the one of the next hop's transport. */
    public static ListeningPoint select(ContainerContext context, InetSocketAddress chosen, Request request) {
        String named = Transmitter.namedTransport(request);
        String transport = named == null ? "UDP" : named;
        if (chosen == null || chosen.getAddress() == null) {
            return context.listeningPoint(transport);
        }
        String host = chosen.getAddress().getHostAddress();
        ListeningPoint onInterface = null;
        for (ListeningPoint lp : context.listeningPoints()) {
            if (!lp.getIPAddress().equals(host) || (chosen.getPort() != 0 && chosen.getPort() != lp.getPort())) {
                continue;
            }
            if (lp.getTransport().equalsIgnoreCase(transport)) {
                return lp;
            }
            if (onInterface == null) {
                onInterface = lp;
            }
        }
        // a transport the next hop insists on wins over the interface, which is advice (JSR 289 §10.2)
        return named == null && onInterface != null ? onInterface : context.listeningPoint(transport);
    }
}
