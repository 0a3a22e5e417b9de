package org.webims.testims.core.proxy;

import gov.nist.javax.sip.ServerTransactionExt;
import java.util.ListIterator;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.stack.PromptStopSipStack;
import org.webims.testims.agent.SipMessageFactories;
import org.webims.testims.sip.TestStackProperties;

/**
 * A transaction-stateful SIP proxy on its own JAIN-SIP stack (RFC 3261 §16): server and client
 * transactions linked by {@link Forwarding}, responses relayed upstream, CANCEL passed on
 * (§16.10), ACK for 2xx and 2xx retransmissions forwarded statelessly (§16.11), requests inside a
 * dialog loose-routed (§16.4, §16.12). Which target an initial request goes to is the
 * {@link Router}'s decision (the P-CSCF's or the S-CSCF's).
 */
public final class ProxyCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCore.class);

    /** Decides where an initial (out-of-dialog) request goes, and answers it or forwards it. */
    @FunctionalInterface
    public interface Router {
        void routeInitial(IncomingRequest request);
    }

    private final String name;
    private final SipMessageFactories factories;
    private final SipStack stack;
    private final SipProvider provider;
    private final String host;
    private final int port;
    private Router router;

    /** Starts a proxy named {@code name} listening on UDP {@code host:port}. */
    public ProxyCore(String name, String host, int port, Function<ProxyCore, Router> routerFactory)
            throws Exception {
        this.name = name;
        this.host = host;
        this.port = port;
        this.factories = new SipMessageFactories();
        this.stack = new PromptStopSipStack(TestStackProperties.blocking(name, false));
        try {
            ListeningPoint lp = stack.createListeningPoint(host, port, ListeningPoint.UDP);
            this.provider = stack.createSipProvider(lp);
            this.router = routerFactory.apply(this);
            provider.addSipListener(new Listener());
            stack.start();
        } catch (Exception e) {
            stack.stop();
            throw e;
        }
    }

    public SipMessageFactories factories() {
        return factories;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code sip:[user@]host:port;lr}, the URI this proxy puts in Route, Record-Route or Path. */
    public SipURI uri(String user) {
        try {
            SipURI uri = factories.addresses().createSipURI(user, host + ":" + port);
            uri.setLrParam();
            return uri;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code uri} names this proxy's host and port. */
    public boolean isOwn(URI uri) {
        if (!(uri instanceof SipURI s)) {
            return false;
        }
        int p = s.getPort() < 0 ? 5060 : s.getPort();
        return p == port && host.equalsIgnoreCase(s.getHost());
    }

    /** Answers {@code st} with a response made from its request. */
    public void respond(ServerTransaction st, int status, String reason) {
        try {
            Response r = factories.messages().createResponse(status, st.getRequest());
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            sendUpstream(st, r);
        } catch (Exception e) {
            LOG.atDebug().addKeyValue("node", name).addKeyValue("status", status).setCause(e).log("cannot respond");
        }
    }

    /** Sends a response on {@code st}, or statelessly when the transaction is already done (2xx to INVITE). */
    public void sendUpstream(ServerTransaction st, Response r) {
        try {
            TransactionState state = st.getState();
            if (state == null || state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
                st.sendResponse(r);
            } else if (r.getStatusCode() / 100 == 2) {
                provider.sendResponse(r);
            }
        } catch (Exception e) {
            LOG.atDebug().addKeyValue("node", name).addKeyValue("status", r.getStatusCode()).setCause(e)
                    .log("cannot send response upstream");
        }
    }

    /**
     * Forwards {@code request} (already retargeted: Request-URI and Route set) in a new client
     * transaction linked to {@code upstream}: Max-Forwards decremented, our Via on top, our
     * Record-Route when asked. Responds 503 upstream when it cannot be sent.
     */
    public Forwarding forward(ServerTransaction upstream, Request request, boolean recordRoute,
                              ForwardListener listener) {
        try {
            MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
            if (mf != null) {
                mf.decrementMaxForwards();
            }
            if (recordRoute) {
                request.addFirst(factories.headers().createRecordRouteHeader(
                        factories.addresses().createAddress(uri(null))));
            }
            return send(upstream, request, listener);
        } catch (Exception e) {
            LOG.atDebug().addKeyValue("node", name).setCause(e).log("cannot forward");
            if (upstream != null) {
                respond(upstream, 503, "Service Unavailable");
            }
            return null;
        }
    }

    /** Sends a request this proxy originates (a third-party REGISTER) in a client transaction. */
    public Forwarding originate(Request request, ForwardListener listener) throws Exception {
        return send(null, request, listener);
    }

    private Forwarding send(ServerTransaction upstream, Request request, ForwardListener listener)
            throws Exception {
        request.addFirst(factories.headers().createViaHeader(host, port, ListeningPoint.UDP, null));
        ClientTransaction ct = provider.getNewClientTransaction(request);
        Forwarding f = new Forwarding(upstream, ct, listener);
        ct.setApplicationData(f);
        if (upstream != null) {
            upstream.setApplicationData(f);
        }
        ct.sendRequest();
        return f;
    }

    /** Removes the top Route when it names us and returns its URI, else null (RFC 3261 §16.4). */
    private SipURI popOwnRoute(Request request) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top != null && isOwn(top.getAddress().getURI())) {
            request.removeFirst(RouteHeader.NAME);
            return (SipURI) top.getAddress().getURI();
        }
        return null;
    }

    @Override
    public void close() {
        // stop closes the listening points; deleting the provider first would stop the stack twice
        stack.stop();
    }

    private final class Listener implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            try {
                switch (request.getMethod()) {
                    case Request.ACK -> forwardAck(event);
                    case Request.CANCEL -> cancel(event);
                    default -> route(event);
                }
            } catch (Exception e) {
                LOG.atDebug().addKeyValue("node", name).addKeyValue("method", request.getMethod()).setCause(e)
                        .log("request dropped");
            }
        }

        private void route(RequestEvent event) throws Exception {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                try {
                    st = provider.getNewServerTransaction(event.getRequest());
                } catch (TransactionAlreadyExistsException retransmission) {
                    return;
                }
            }
            Request request = (Request) event.getRequest().clone();
            MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
            if (mf != null && mf.getMaxForwards() <= 0) {
                respond(st, Response.TOO_MANY_HOPS, "Too Many Hops"); // RFC 3261 §16.3 step 3
                return;
            }
            if (Request.INVITE.equals(request.getMethod())) {
                respond(st, Response.TRYING, null); // RFC 3261 §16.2: 100 before any work
            }
            SipURI own = popOwnRoute(request);
            String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
            if (toTag != null) {
                forward(st, request, false, null); // in dialog: the Route set or Request-URI decides
            } else {
                router.routeInitial(new IncomingRequest(st, request, own));
            }
        }

        /** ACK for a 2xx is its own transaction: forwarded statelessly along its Route (RFC 3261 §16.11). */
        private void forwardAck(RequestEvent event) throws SipException {
            if (event.getServerTransaction() != null) {
                return; // ACK for a non-2xx, absorbed by the INVITE server transaction
            }
            Request ack = (Request) event.getRequest().clone();
            popOwnRoute(ack);
            MaxForwardsHeader mf = (MaxForwardsHeader) ack.getHeader(MaxForwardsHeader.NAME);
            try {
                if (mf != null) {
                    mf.decrementMaxForwards();
                }
                ack.addFirst(factories.headers().createViaHeader(host, port, ListeningPoint.UDP,
                        gov.nist.javax.sip.Utils.getInstance().generateBranchId()));
            } catch (Exception e) {
                throw new SipException("cannot forward ACK", e);
            }
            provider.sendRequest(ack);
        }

        /** RFC 3261 §16.10: answer the CANCEL, and cancel what we forwarded. */
        private void cancel(RequestEvent event) throws Exception {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                try {
                    st = provider.getNewServerTransaction(event.getRequest());
                } catch (TransactionAlreadyExistsException retransmission) {
                    return;
                }
            }
            ServerTransaction invite = ((ServerTransactionExt) st).getCanceledInviteTransaction();
            if (invite == null) {
                respond(st, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call/Transaction Does Not Exist");
                return;
            }
            respond(st, Response.OK, null);
            Forwarding f = (Forwarding) invite.getApplicationData();
            if (f == null) {
                respond(invite, Response.REQUEST_TERMINATED, "Request Terminated");
                return;
            }
            f.markCancelled();
            if (f.abandoned() || f.downstream().getState() == TransactionState.TERMINATED) {
                return;
            }
            ClientTransaction ct = provider.getNewClientTransaction(f.downstream().createCancel());
            ct.sendRequest();
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = (Response) event.getResponse().clone();
            ClientTransaction ct = event.getClientTransaction();
            response.removeFirst(ViaHeader.NAME);
            if (ct == null) {
                // a 2xx retransmission after the transaction ended: RFC 3261 §16.11 stateless relay
                if (response.getHeader(ViaHeader.NAME) != null && response.getStatusCode() / 100 == 2) {
                    try {
                        provider.sendResponse(response);
                    } catch (SipException e) {
                        LOG.atDebug().addKeyValue("node", name).setCause(e).log("cannot relay 2xx retransmission");
                    }
                }
                return;
            }
            if (!(ct.getApplicationData() instanceof Forwarding f) || f.abandoned()) {
                return;
            }
            f.markAnswered(response.getStatusCode());
            if (response.getStatusCode() == Response.TRYING) {
                return; // RFC 3261 §16.7 step 5: 100 is not forwarded
            }
            if (f.listener() != null && f.listener().onResponse(f, response)) {
                return;
            }
            if (f.upstream() != null) {
                sendUpstream(f.upstream(), response);
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.isServerTransaction()) {
                return;
            }
            ClientTransaction ct = event.getClientTransaction();
            if (!(ct.getApplicationData() instanceof Forwarding f) || f.abandoned()) {
                return;
            }
            if (f.listener() != null && f.listener().onTimeout(f)) {
                return;
            }
            if (f.upstream() != null && !Request.ACK.equals(ct.getRequest().getMethod())) {
                respond(f.upstream(), Response.REQUEST_TIMEOUT, "Request Timeout"); // RFC 3261 §16.8
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.atDebug().addKeyValue("node", name).addKeyValue("peer", event.getHost() + ":" + event.getPort())
                    .log("I/O error");
        }

        @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
    }

    /** Every Route value of {@code request}, in order. */
    public static java.util.List<RouteHeader> routes(Request request) {
        java.util.List<RouteHeader> out = new java.util.ArrayList<>();
        ListIterator<?> it = request.getHeaders(RouteHeader.NAME);
        while (it.hasNext()) {
            out.add((RouteHeader) it.next());
        }
        return out;
    }
}
