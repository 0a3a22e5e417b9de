package org.webims.sip.container;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.webims.sip.container.dispatch.WorkerPool;
import org.webims.sip.container.session.SessionRegistry;
import org.webims.sip.stack.SipStackHost;
import org.webims.sip.stack.timer.TimerT1;

/**
 * What every part of the running container reaches for: the stack's provider and factories,
 * the worker pool, the session registry and the capabilities it advertises.
 */
public final class ContainerContext {
    private final SipStackHost stack;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final ContainerCapabilities capabilities;
    private final WorkerPool workers;
    private final SessionRegistry sessions;

    public ContainerContext(SipStackHost stack, ContainerCapabilities capabilities, WorkerPool workers) {
        this.stack = stack;
        this.messages = stack.messageFactory();
        this.headers = stack.headerFactory();
        this.addresses = stack.addressFactory();
        this.capabilities = capabilities;
        this.workers = workers;
        this.sessions = new SessionRegistry(this);
    }

    public SipProvider provider() {
        return stack.provider();
    }

    public MessageFactory messages() {
        return messages;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    public ContainerCapabilities capabilities() {
        return capabilities;
    }

    public WorkerPool workers() {
        return workers;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** RFC 3261 §17.1.1.1's T1, the stack's and the container's: every n*T1 the container waits is taken from it. */
    public TimerT1 t1() {
        return stack.t1();
    }

    /** Whether {@code host:port} is one of this container's listening points (port 0: any port). */
    public boolean isOwnAddress(String host, int port) {
        for (ListeningPoint lp : stack.listeningPoints()) {
            if (lp.getIPAddress().equals(host) && (port == 0 || lp.getPort() == port)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The event's server transaction, created if the stack made none; null for a retransmission
     * (its transaction answers it) or where the stack cannot make one.
     */
    public javax.sip.ServerTransaction serverTransactionFor(javax.sip.RequestEvent event) {
        javax.sip.ServerTransaction st = event.getServerTransaction();
        if (st != null) {
            return st;
        }
        try {
            return provider().getNewServerTransaction(event.getRequest());
        } catch (javax.sip.TransactionAlreadyExistsException e) {
            return null;
        } catch (javax.sip.SipException e) {
            org.slf4j.LoggerFactory.getLogger(ContainerContext.class).atDebug().setCause(e).log("no server transaction");
            return null;
        }
    }

    /** Every socket the container listens on, in configuration order. */
    public java.util.List<ListeningPoint> listeningPoints() {
        return stack.listeningPoints();
    }

    /** The listening point for {@code transport} (case-insensitive), or the first one if none matches. */
    public ListeningPoint listeningPoint(String transport) {
        ListeningPoint first = null;
        for (ListeningPoint lp : stack.listeningPoints()) {
            if (first == null) {
                first = lp;
            }
            if (lp.getTransport().equalsIgnoreCase(transport)) {
                return lp;
            }
        }
        return first;
    }
}
