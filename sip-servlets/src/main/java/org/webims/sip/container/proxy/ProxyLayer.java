package org.webims.sip.container.proxy;

import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.text.ParseException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.address.JainAddress;
import org.webims.sip.container.dispatch.InboundDispatcher;
import org.webims.sip.container.dispatch.ServletInvoker;
import org.webims.sip.container.message.ContainerMessage;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.message.MessageSender;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * The container's stateful proxy (JSR 289 §10): makes a {@link ContainerProxy} when a servlet asks
 * a request for one, and takes from the dispatcher what comes back for proxies: responses and
 * timeouts on their client transactions, CANCELs of what they forwarded, and the in-dialog
 * requests our Record-Route brings back. Each hook answers whether the event was the proxy's.
 */
public final class ProxyLayer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyLayer.class);

    private final ContainerContext context;
    /** The sender of received requests: a servlet may still send provisional responses to what it proxies. */
    private final MessageSender receivedSender;
    private final ServletInvoker invoker = new ServletInvoker();
    private final RequestForwarder requests;
    private final ResponseForwarder responses;
    /** Application composition: the router may send a branch on to the next application (JSR 289 §15.4). */
    private final Consumer<ContainerRequest> beforeInitialSend;

    public ProxyLayer(ContainerContext context, MessageSender receivedSender, Consumer<ContainerRequest> beforeInitialSend) {
        this.context = context;
        this.receivedSender = receivedSender;
        this.beforeInitialSend = beforeInitialSend;
        this.requests = new RequestForwarder(context);
        this.responses = new ResponseForwarder(context);
    }

    ContainerContext context() {
        return context;
    }

    RequestForwarder requests() {
        return requests;
    }

    ResponseForwarder responses() {
        return responses;
    }

    // --- SipServletRequest.getProxy -------------------------------------------------------------------

    /**
     * The proxy for {@code request} (JSR 289 §10.2): the session's if it proxies already, else a
     * new one for a received initial request the application has not answered or bridged.
     */
    public Proxy proxyFor(ContainerRequest request, boolean create) throws TooManyHopsException {
        ContainerSipSession session = request.containerSession();
        ContainerProxy existing = session == null ? null : session.proxy();
        if (existing != null || !create) {
            return existing;
        }
        if (!request.incoming() || !request.isInitial()) {
            throw new IllegalStateException("only a received initial request can be proxied");
        }
        if (request.finalResponseSent()) {
            throw new IllegalStateException("a final response was sent: the application acts as a UAS for this request");
        }
        if (request.linkedRequest() != null) {
            throw new IllegalStateException("the application is a B2BUA for this request (JSR 289 §12)");
        }
        if (RequestForwarder.maxForwards(request.jainRequest()) == 0) {
            throw new TooManyHopsException("Max-Forwards is 0 (RFC 3261 §16.3 step 3)");
        }
        ContainerProxy proxy = new ContainerProxy(this, request, session);
        releaseDialog(session, request);
        session.setProxy(proxy);
        return proxy;
    }

    /** The dispatcher made a UAS dialog for the request before the servlet chose to proxy: a proxy keeps none. */
    private static void releaseDialog(ContainerSipSession session, ContainerRequest request) {
        Dialog dialog = session.releaseDialog();
        if (dialog == null) {
            return;
        }
        if (request.transaction() instanceof SIPServerTransaction st) {
            st.setDialog(null, null);
        }
        dialog.delete();
    }

    // --- dispatcher hooks (stack threads) ----------------------------------------------------------

    /**
     * An in-dialog request whose top Route is our Record-Route (RFC 3261 §16.4): popped, and handed
     * to the proxy session named in it. CANCEL is left to the dispatcher, which finds its INVITE.
     */
    public boolean onRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.CANCEL.equals(request.getMethod())) {
            return false;
        }
        String sessionId = ProxyRoute.sessionIdOf(request, context);
        if (sessionId == null) {
            return false;
        }
        RouteHeader popped = (RouteHeader) request.getHeader(RouteHeader.NAME);
        request.removeFirst(RouteHeader.NAME);
        if (ProxyRoute.secondOfPair((javax.sip.address.SipURI) popped.getAddress().getURI(), request, context)) {
            request.removeFirst(RouteHeader.NAME); // RFC 5658 §4: both halves of our double Record-Route
        }
        boolean ack = Request.ACK.equals(request.getMethod());
        ContainerSipSession session = context.sessions().sipSession(sessionId);
        ContainerProxy proxy = session == null || !session.isValid() ? null : session.proxy();
        if (proxy == null) {
            LOG.atDebug().addKeyValue("session", sessionId).addKeyValue("method", request.getMethod())
                    .log("in-dialog request for a proxy session that is gone");
            if (!ack) {
                respondStatelessly(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call/Transaction Does Not Exist");
            }
            return true;
        }
        ServerTransaction st = null;
        if (!ack) {
            st = context.serverTransactionFor(event);
            if (st == null) {
                return true; // a retransmission, absorbed by its transaction
            }
            ColocatedDialogs.detach(st);
        }
        ContainerRequest r = new ContainerRequest(context, request, session, true, false, receivedSender);
        r.setEndpoints(InboundDispatcher.endpointsOf(request));
        r.setPoppedRoute(new JainAddress((AddressParametersHeader) popped, JainAddress.Mutability.READ_ONLY));
        Executor executor = session.containerApplicationSession().executor();
        if (ack) {
            executor.execute(() -> proxy.onSubsequentAck(r));
        } else {
            r.setTransaction(st);
            session.bindTransaction(st, r);
            session.addOngoing(r);
            executor.execute(() -> proxy.onSubsequentRequest(r));
        }
        return true;
    }

    /**
     * A CANCEL from upstream for {@code invite} (the dispatcher has answered it 200): if the
     * application proxies the INVITE, its branches are cancelled (RFC 3261 §16.10).
     */
    public boolean onCancel(ContainerRequest invite) {
        ContainerSipSession session = invite.containerSession();
        ContainerProxy proxy = session == null ? null : session.proxy();
        if (proxy == null) {
            return false;
        }
        session.containerApplicationSession().executor().execute(() -> proxy.onUpstreamCancel(invite));
        return true;
    }

    /** A response on a client transaction a proxy opened, or a 2xx retransmission to forward statelessly. */
    public boolean onResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null) {
            return event.getDialog() == null && responses.forwardStray(event.getResponse());
        }
        if (!(ct.getApplicationData() instanceof ProxyLeg leg)) {
            return false;
        }
        leg.onResponse(event.getResponse(), InboundDispatcher.endpointsOf(event.getResponse()));
        return true;
    }

    /** A client transaction a proxy opened timed out: the branch counts it as a 408 (RFC 3261 §16.7 step 2). */
    public boolean onTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null || !(ct.getApplicationData() instanceof ProxyLeg leg)) {
            return false;
        }
        leg.onTimeout();
        return true;
    }

    // --- for proxies, on the executor ---------------------------------------------------------------

    /**
     * JSR 289 §15.4: a proxied initial request continues through the application router, which
     * may route the branch to the next application before it leaves the container.
     */
    void compose(ContainerRequest branchRequest, ContainerRequest original) {
        branchRequest.setRoutingDirective(SipApplicationRoutingDirective.CONTINUE, original);
        beforeInitialSend.accept(branchRequest);
    }

    /** A received response as the proxy's servlet sees it. */
    ContainerResponse view(ContainerProxy proxy, ContainerProxyBranch branch, ContainerRequest request, Response response,
                           ContainerMessage.Endpoints endpoints, boolean branchResponse) {
        ContainerResponse r = new ContainerResponse(context, response, proxy.session(), request,
                ProxiedMessageSender.INSTANCE, endpoints);
        r.setProxied(proxy, branch, branchResponse);
        return r;
    }

    void invoke(ContainerSipSession session, ContainerResponse response) {
        invoker.invokeNow(session, null, response);
    }

    void invoke(ContainerSipSession session, ContainerRequest request) {
        invoker.invokeNow(session, request, null);
    }

    /** Invalidates the proxy's session once it is ready (JSR 289 §6.2.3.1), as after a servlet call. */
    void settle(ContainerSipSession session) {
        if (session.isValid()) {
            session.invalidateIfReady();
        } else if (session.containerApplicationSession().isValid()) {
            session.containerApplicationSession().invalidateIfReady();
        }
    }

    /** Runs {@code task} on {@code executor} after {@code seconds}. */
    ScheduledFuture<?> schedule(Executor executor, int seconds, Runnable task) {
        return context.workers().timers().schedule(() -> executor.execute(task), seconds, TimeUnit.SECONDS);
    }


    private void respondStatelessly(Request request, int status, String reason) {
        try {
            Response response = context.messages().createResponse(status, request);
            response.setReasonPhrase(reason);
            context.provider().sendResponse(response);
        } catch (ParseException | SipException e) {
            LOG.atDebug().addKeyValue("status", status).setCause(e).log("could not answer statelessly");
        }
    }
}
