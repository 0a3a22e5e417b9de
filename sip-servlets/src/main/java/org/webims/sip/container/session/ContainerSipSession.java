package org.webims.sip.container.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionBindingListener;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.sip.Dialog;
import javax.sip.Transaction;
import javax.sip.TransactionState;
import org.webims.sip.container.message.ContainerMessage;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.proxy.ContainerProxy;
import org.webims.sip.sessiontimer.SessionTimer;

/**
 * One SIP session (JSR 289 §6.2): a dialog or a dialog-less transaction series, its handler
 * servlet, its parties and state. Its JAIN-SIP {@link Dialog}, once there, keeps CSeq and route set.
 */
public final class ContainerSipSession implements SipSession {
    private final String id;
    private final ContainerApplicationSession applicationSession;
    private final SessionRegistry registry;
    private final String callId;
    private final long creationTime = System.currentTimeMillis();
    private volatile long lastAccessedTime = creationTime;
    private volatile String handler;
    private volatile State state = State.INITIAL;
    private volatile boolean valid = true;
    private volatile boolean invalidateWhenReady = true;
    private volatile Dialog dialog;
    private volatile Address localParty;
    private volatile Address remoteParty;
    private volatile String localTag;
    private volatile SipApplicationRoutingRegion region;
    private volatile URI subscriberURI;
    private volatile InetSocketAddress outboundInterface;
    private final SessionAttributes attributes = new SessionAttributes(new SessionAttributes.Notifications() {
        @Override public void valueBound(String name, Object value) {
            if (value instanceof SipSessionBindingListener b) {
                b.valueBound(new SipSessionBindingEvent(ContainerSipSession.this, name));
            }
        }
        @Override public void valueUnbound(String name, Object value) {
            if (value instanceof SipSessionBindingListener b) {
                b.valueUnbound(new SipSessionBindingEvent(ContainerSipSession.this, name));
            }
        }
        @Override public void added(String name) {
            attributeListeners().forEach(l -> l.attributeAdded(new SipSessionBindingEvent(ContainerSipSession.this, name)));
        }
        @Override public void replaced(String name) {
            attributeListeners().forEach(l -> l.attributeReplaced(new SipSessionBindingEvent(ContainerSipSession.this, name)));
        }
        @Override public void removed(String name) {
            attributeListeners().forEach(l -> l.attributeRemoved(new SipSessionBindingEvent(ContainerSipSession.this, name)));
        }
    });
    /** Messages whose transaction is still open: requests received or sent without a final response. */
    private final Set<ContainerMessage> ongoing = ConcurrentHashMap.newKeySet();
    /**
     * Messages handed to the application session's executor for this session's servlet and not
     * yet taken: the stack thread may already have ended the transaction or dialog they belong to
     * (a 200 to a BYE sent from another session's callback), and the session must live to show them.
     */
    private final java.util.concurrent.atomic.AtomicInteger queuedForServlet = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong lastAckedCSeq = new java.util.concurrent.atomic.AtomicLong(-1);
    private final java.util.concurrent.atomic.AtomicLong lastSentOutsideDialog = new java.util.concurrent.atomic.AtomicLong(-1);
    /**
     * JAIN-SIP transactions whose application data is a message of this session. The stack keeps
     * them well after the call (Timer J and L, 32 s on UDP, RFC 3261 §17.2.2, RFC 6026 §8.7), so
     * invalidation takes the message off each one: the call's objects are then garbage at once.
     */
    private final Queue<Transaction> transactions = new ConcurrentLinkedQueue<>();
    /**
     * A let-go transaction's application data: its session has ended. Not null, so that a CANCEL
     * matching such an INVITE still gets 200 (RFC 3261 §9.2), unlike one for an INVITE not yet routed.
     */
    public static final Object ENDED = new Object() {
        @Override public String toString() { return "session ended"; }
    };
    /** The other leg of a B2BUA (JSR 289 §6.2.4.2), if linked. */
    private volatile ContainerSipSession linked;
    /** Whether this session was ever linked: a derived session's other leg is derived only once (JSR 289 §12). */
    private volatile boolean linkedOnce;
    /** For a derived session (JSR 289 §6.2.3.2), the session of the dialog it was derived from; else null. */
    private volatile ContainerSipSession derivedFrom;
    /** The initial request that created this session, for createRequest in INITIAL state. */
    private volatile ContainerRequest initialRequest;
    /** Set when the application proxies the initial request (JSR 289 §10): the session is then a proxy's. */
    private volatile ContainerProxy proxy;
    /** The last 2xx sent to an INVITE in this session: what JSR 289 §6 {@code noAckReceived} names if its ACK never comes. */
    private volatile ContainerResponse lastAnswer;
    /** The dialog's RFC 4028 session timer, once the container keeps one for it. */
    private volatile SessionTimer sessionTimer;

    ContainerSipSession(String id, ContainerApplicationSession applicationSession, SessionRegistry registry,
                        String callId, String handler) {
        this.id = id;
        this.applicationSession = applicationSession;
        this.registry = registry;
        this.callId = callId;
        this.handler = handler;
    }

    // --- container-side state ------------------------------------------------------------

    public String handler() {
        return handler;
    }

    public ContainerApplicationSession containerApplicationSession() {
        return applicationSession;
    }

    public Dialog dialog() {
        return dialog;
    }

    /** Binds the JAIN-SIP dialog; the dialog points back here so in-dialog requests find their session. */
    public void bindDialog(Dialog dialog) {
        this.dialog = dialog;
        dialog.setApplicationData(this);
    }

    /** Unbinds and returns the JAIN-SIP dialog: a proxy keeps no dialog of its own (RFC 3261 §16). */
    public Dialog releaseDialog() {
        Dialog d = dialog;
        dialog = null;
        if (d != null) {
            d.setApplicationData(null);
        }
        return d;
    }

    /**
     * JSR 289 §6.2.3.2: this session, just made for another dialog of {@code original}'s initial
     * request, takes its parties, tag, routing, outbound interface, invalidate-when-ready and
     * attributes (the same values, not copies of them).
     */
    void deriveFrom(ContainerSipSession original) {
        derivedFrom = original;
        localParty = original.localParty;
        remoteParty = original.remoteParty;
        localTag = original.localTag();
        region = original.region;
        subscriberURI = original.subscriberURI;
        outboundInterface = original.outboundInterface;
        invalidateWhenReady = original.invalidateWhenReady;
        initialRequest = original.initialRequest;
        for (String name : original.attributes.names()) {
            Object value = original.attributes.get(name);
            if (value != null) {
                attributes.set(name, value);
            }
        }
    }

    public ContainerProxy proxy() {
        return proxy;
    }

    public void setProxy(ContainerProxy proxy) {
        this.proxy = proxy;
    }

    public void setState(State state) {
        this.state = state;
        if (state == State.TERMINATED) {
            stopSessionTimer(); // RFC 4028 §10: the timer lives as long as the dialog
        }
    }

    /** The dialog's session timer, made by {@code factory} the first time it is asked for. */
    public synchronized SessionTimer sessionTimer(java.util.function.Function<ContainerSipSession, SessionTimer> factory) {
        if (sessionTimer == null) {
            sessionTimer = factory.apply(this);
        }
        return sessionTimer;
    }

    /** The dialog's session timer, or null if it has none. */
    public SessionTimer sessionTimer() {
        return sessionTimer;
    }

    private void stopSessionTimer() {
        SessionTimer t = sessionTimer;
        if (t != null) {
            t.stop();
        }
    }

    public void setParties(Address local, Address remote) {
        this.localParty = local;
        this.remoteParty = remote;
    }

    public void setRemoteParty(Address remote) {
        this.remoteParty = remote;
    }

    /** The tag this side puts in From (UAC) or To (UAS); one per session. */
    public synchronized String localTag() {
        if (localTag == null) {
            localTag = registry.newTag();
        }
        return localTag;
    }

    public void setLocalTag(String tag) {
        this.localTag = tag;
    }

    public void setRouting(SipApplicationRoutingRegion region, URI subscriberURI) {
        this.region = region;
        this.subscriberURI = subscriberURI;
    }

    public InetSocketAddress outboundInterface() {
        return outboundInterface;
    }

    public void addOngoing(ContainerMessage message) {
        ongoing.add(message);
    }

    public void removeOngoing(ContainerMessage message) {
        ongoing.remove(message);
    }

    /**
     * Binds {@code message} to {@code transaction} as its application data, until this session ends
     * or the transaction does: a long dialog (many re-INVITEs, NOTIFYs) does not pile them up.
     */
    public void bindTransaction(Transaction transaction, ContainerMessage message) {
        transaction.setApplicationData(message);
        for (Iterator<Transaction> it = transactions.iterator(); it.hasNext(); ) {
            Transaction t = it.next();
            if (t.getState() == TransactionState.TERMINATED) {
                release(t); // the stack delivers nothing more on it
                it.remove();
            }
        }
        transactions.add(transaction);
    }

    public Set<ContainerMessage> ongoingMessages() {
        return Set.copyOf(ongoing);
    }

    public ContainerSipSession linkedSession() {
        return linked;
    }

    public void link(ContainerSipSession other) {
        this.linked = other;
        if (other != null) {
            linkedOnce = true;
        }
    }

    /** Whether this session was linked at some time, even if it is not now. */
    public boolean wasLinked() {
        return linkedOnce;
    }

    /** The session this one was derived from (JSR 289 §6.2.3.2), or null for an original session. */
    public ContainerSipSession derivedFrom() {
        return derivedFrom;
    }

    /** The last 2xx sent to an INVITE in this session, or null. */
    public ContainerResponse lastAnswer() {
        return lastAnswer;
    }

    public void answered(ContainerResponse answer) {
        this.lastAnswer = answer;
    }

    public ContainerRequest initialRequest() {
        return initialRequest;
    }

    public void setInitialRequest(ContainerRequest request) {
        this.initialRequest = request;
    }

    public void touch() {
        lastAccessedTime = System.currentTimeMillis();
        applicationSession.touch();
    }

    // --- javax.servlet.sip.SipSession --------------------------------------------------------

    @Override
    public SipServletRequest createRequest(String method) {
        checkValid();
        if ("ACK".equals(method) || "CANCEL".equals(method)) {
            throw new IllegalArgumentException(method + " is created from the request or response it belongs to");
        }
        if (state == State.TERMINATED) {
            throw new IllegalStateException("session " + id + " is terminated");
        }
        return registry.requests().createInSession(this, method);
    }

    @Override public SipApplicationSession getApplicationSession() { return applicationSession; }
    @Override public String getCallId() { return callId; }
    @Override public long getCreationTime() { checkValid(); return creationTime; }
    @Override public String getId() { return id; }
    @Override public long getLastAccessedTime() { return lastAccessedTime; }
    @Override public Address getLocalParty() { return localParty; }
    @Override public Address getRemoteParty() { return remoteParty; }
    @Override public State getState() { checkValid(); return state; }
    @Override public SipApplicationRoutingRegion getRegion() { checkValid(); return region; }
    @Override public URI getSubscriberURI() { checkValid(); return subscriberURI; }
    @Override public boolean isValid() { return valid; }
    @Override public ServletContext getServletContext() { return applicationSession.application().servletContext(); }

    @Override
    public void setHandler(String name) throws ServletException {
        checkValid();
        if (applicationSession.application().servlet(name) == null) {
            throw new ServletException("no servlet named '" + name + "' in application "
                    + applicationSession.getApplicationName());
        }
        this.handler = name;
    }

    @Override
    public void setOutboundInterface(InetAddress address) {
        checkValid();
        setOutboundInterface(new InetSocketAddress(address, 0));
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        checkValid();
        if (!registry.isLocalInterface(address)) {
            throw new IllegalArgumentException(address + " is not one of the container's interfaces");
        }
        this.outboundInterface = address;
    }

    private java.util.List<SipSessionAttributeListener> attributeListeners() {
        return applicationSession.application().listeners(SipSessionAttributeListener.class);
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(attributes.names());
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        attributes.set(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        attributes.remove(name);
    }

    @Override
    public void invalidate() {
        checkValid();
        SipSessionEvent event = new SipSessionEvent(this);
        for (SipSessionListener l : applicationSession.application().listeners(SipSessionListener.class)) {
            l.sessionDestroyed(event);
        }
        attributes.clear();
        valid = false;
        stopSessionTimer();
        ContainerSipSession other = linked;
        if (other != null && other.linked == this) {
            other.linked = null;
        }
        linked = null;
        Dialog d = dialog;
        if (d != null) {
            d.setApplicationData(null);
            if (state != State.TERMINATED) {
                d.delete();
            }
        }
        releaseTransactions();
        ongoing.clear();
        initialRequest = null;
        applicationSession.removeSipSession(this);
        registry.remove(this);
    }

    /** Takes this session's messages off the stack's transactions: what arrives on them later finds no session. */
    private void releaseTransactions() {
        for (Transaction t = transactions.poll(); t != null; t = transactions.poll()) {
            release(t);
        }
    }

    private void release(Transaction t) {
        if (t.getApplicationData() instanceof ContainerMessage m && m.containerSession() == this) {
            t.setApplicationData(ENDED);
        }
    }

    /** A message for this session's servlet was queued on the application session's executor. */
    public void queuedForServlet() {
        queuedForServlet.incrementAndGet();
    }

    /** A queued message was taken off the executor's queue, to be shown to the servlet now. */
    public void takenForServlet() {
        queuedForServlet.decrementAndGet();
    }

    /**
     * JSR 289 §6.2.3.1: ready when no transaction is open and the dialog, if any, has ended, and
     * no message received for it still waits to be shown to its servlet.
     */
    @Override
    public boolean isReadyToInvalidate() {
        checkValid();
        if (!ongoing.isEmpty() || queuedForServlet.get() > 0) {
            return false;
        }
        return state == State.TERMINATED || state == State.INITIAL;
    }

    @Override public void setInvalidateWhenReady(boolean invalidateWhenReady) { checkValid(); this.invalidateWhenReady = invalidateWhenReady; }
    @Override public boolean getInvalidateWhenReady() { checkValid(); return invalidateWhenReady; }

    /** Invalidates this session if it is ready and asked to be, then its application session likewise. */
    public void invalidateIfReady() {
        if (valid && invalidateWhenReady && isReadyToInvalidate()) {
            invalidate();
        }
        applicationSession.invalidateIfReady();
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("SIP session " + id + " is invalidated");
        }
    }

    @Override
    public String toString() {
        return "SipSession[" + id + " " + state + " handler=" + handler + "]";
    }

    /**
     * The CSeq number of the next request this session sends with no dialog (a REGISTER retried
     * with credentials, then again on a second challenge): one above the last such, and above the
     * initial request's {@code initialCSeq} (RFC 3261 §8.1.3.5, §22.2).
     */
    public long nextCSeqOutsideDialog(long initialCSeq) {
        return lastSentOutsideDialog.accumulateAndGet(initialCSeq, (last, initial) -> Math.max(last, initial) + 1);
    }

    /**
     * Whether an ACK with this CSeq number is the first one for its INVITE. RFC 3261 §13.3.1.4:
     * the caller retransmits its ACK for each 2xx retransmission; the application sees one.
     */
    public boolean firstAck(long cseq) {
        return lastAckedCSeq.getAndAccumulate(cseq, Math::max) < cseq;
    }
}
