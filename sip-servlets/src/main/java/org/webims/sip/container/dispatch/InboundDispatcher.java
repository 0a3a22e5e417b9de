package org.webims.sip.container.dispatch;

import gov.nist.javax.sip.ResponseEventExt;
import gov.nist.javax.sip.message.SIPMessage;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.servlet.sip.SipSession.State;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipApplicationRoutingRegionType;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.address.JainURIs;
import org.webims.sip.container.deploy.DeployedApplication;
import org.webims.sip.container.inbound.StatelessResponder;
import org.webims.sip.container.message.ContainerMessage;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.proxy.ProxyLayer;
import org.webims.sip.container.session.ContainerApplicationSession;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.container.transaction.Transmitter;
import org.webims.sip.sessiontimer.SessionTimerLayer;

/**
 * Takes the stack's events off its I/O threads and into applications: initial requests through
 * the application router to a new session, subsequent requests and responses to theirs
 * (JSR 289 §15.2, §6). Sheds new out-of-dialog work with 503 when overloaded.
 */
public final class InboundDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    private final ContainerContext context;
    private final DeployedApplications applications;
    private final Transmitter transmitter;
    private final ServletInvoker invoker = new ServletInvoker();
    private final ApplicationComposition composition;
    private final ProxyLayer proxies;
    private final SessionTimerLayer sessionTimers;
    private final UnacknowledgedAnswerHangUp unacknowledged;

    public InboundDispatcher(ContainerContext context, DeployedApplications applications, Transmitter transmitter,
                             ApplicationComposition composition) {
        this.context = context;
        this.applications = applications;
        this.transmitter = transmitter;
        this.composition = composition;
        this.proxies = transmitter.proxies();
        this.sessionTimers = transmitter.sessionTimers();
        this.unacknowledged = new UnacknowledgedAnswerHangUp(context);
    }

    // --- requests -------------------------------------------------------------------------------------

    /**
     * Dispatches a request; {@code unrouted} answers what no application takes and runs on a
     * worker thread. Runs on the stack's thread and never calls application code there.
     */
    public void onRequest(RequestEvent event, Consumer<ServerTransaction> unrouted, Consumer<Request> stateless) {
        if (proxies.onRequest(event)) {
            return; // RFC 3261 §16.4: routed to us by a proxy's Record-Route, for that proxy's session
        }
        Request request = event.getRequest();
        String method = request.getMethod();
        Dialog dialog = event.getDialog();
        ContainerSipSession session = dialog == null ? null : sessionOf(dialog);

        if (Request.ACK.equals(method)) {
            javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) request.getHeader(javax.sip.header.CSeqHeader.NAME);
            if (session != null && cseq != null && session.firstAck(cseq.getSeqNumber())) {
                ContainerRequest ack = incoming(request, session, false, null);
                invoker.deliver(session, ack);
            }
            return; // an ACK for a non-2xx is absorbed by the transaction layer
        }
        if (Request.CANCEL.equals(method)) {
            onCancel(event);
            return;
        }
        if (sessionTimers.rejectsTooShort(event)) {
            return; // RFC 4028 §9: 422, Session-Expires below our Min-SE
        }
        if (session != null) {
            ServerTransaction st = context.serverTransactionFor(event);
            if (st != null) {
                ContainerRequest r = incoming(request, session, false, st);
                session.addOngoing(r);
                invoker.deliver(session, r);
            }
            return;
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() != null) {
            // RFC 3261 §12.2.2: a request inside a dialog we do not know
            respondStateless(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call/Transaction Does Not Exist");
            return;
        }
        if (context.workers().overloaded()) {
            shed(event);
            return;
        }
        ServerTransaction st;
        try {
            st = event.getServerTransaction() != null ? event.getServerTransaction()
                    : context.provider().getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission, absorbed by its transaction
        } catch (javax.sip.TransactionUnavailableException e) {
            context.workers().execute(() -> stateless.accept(request)); // RFC 2543 peers (RFC 4475 §3.4.1)
            return;
        } catch (SipException e) {
            LOG.atDebug().setCause(e).log("no server transaction");
            return;
        }
        context.workers().execute(() -> routeInitial(st, request, unrouted));
    }

    /** JSR 289 §15.4: ask the router, then hand the request to the chosen application's servlet. */
    private void routeInitial(ServerTransaction st, Request request, Consumer<ServerTransaction> unrouted) {
        Optional<ApplicationSelection> chosen;
        try {
            ApplicationComposition.Pending returning = composition.takeReturning(request);
            chosen = returning == null ? select(request, null) : selected(returning);
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("application router failed");
            respond(st, Response.SERVER_INTERNAL_ERROR, "Application Router Error");
            return;
        }
        if (chosen.isEmpty()) {
            unrouted.accept(st);
            return;
        }
        ApplicationSelection selection = chosen.get();
        DeployedApplication app = selection.application();
        ContainerRequest r = incoming(request, null, true, st);
        r.setRouting(selection.region(), selection.subscriberURI(), selection.stateInfo());
        Optional<String> servlet;
        ContainerApplicationSession appSession;
        try {
            servlet = app.selectServlet(r);
            if (servlet.isEmpty()) {
                // JSR 289 §16: no servlet of the application matches; the container answers as for
                // an unrouted request (404, or 200 to OPTIONS so keep-alive pings still work)
                unrouted.accept(st);
                return;
            }
            appSession = applicationSessionFor(app, r);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("application", app.name()).setCause(e).log("servlet selection failed");
            respond(st, Response.SERVER_INTERNAL_ERROR, "Servlet Selection Failed");
            return;
        }
        ContainerSipSession session = context.sessions().createSipSession(appSession,
                ((javax.sip.header.CallIdHeader) request.getHeader("Call-ID")).getCallId(), servlet.get());
        session.setRouting(selection.region(), selection.subscriberURI());
        r.setContainerSession(session);
        session.bindTransaction(st, r);
        session.setInitialRequest(r);
        session.setParties(r.getTo(), r.getFrom());
        session.addOngoing(r);
        if (Transmitter.createsDialog(request.getMethod())) {
            try {
                session.bindDialog(context.provider().getNewDialog(st));
            } catch (SipException e) {
                LOG.atDebug().setCause(e).log("no dialog for initial request");
            }
        }
        invoker.deliverHere(session, r); // already on a worker: no second hand-off (JSR 289 §6.4.2 still holds)
    }

    private Optional<ApplicationSelection> select(Request request, Serializable state) {
        SipApplicationRouter router = applications.router();
        if (router == null) {
            var all = applications.all();
            if (all.size() == 1) {
                DeployedApplication only = all.get(0);
                return Optional.of(new ApplicationSelection(only,
                        new SipApplicationRoutingRegion("NEUTRAL", SipApplicationRoutingRegionType.NEUTRAL), null, null));
            }
            return Optional.empty();
        }
        ContainerRequest view = incoming(request, null, true, null);
        SipApplicationRouterInfo info = router.getNextApplication(view, null, SipApplicationRoutingDirective.NEW,
                null, state);
        if (info == null || info.getNextApplicationName() == null) {
            return Optional.empty();
        }
        DeployedApplication app = applications.get(info.getNextApplicationName());
        if (app == null) {
            return Optional.empty();
        }
        return Optional.of(new ApplicationSelection(app, info.getRoutingRegion(), subscriberOf(info), info.getStateInfo()));
    }

    /** The application the router already chose before the request left and came back in. */
    private Optional<ApplicationSelection> selected(ApplicationComposition.Pending p) {
        DeployedApplication app = applications.get(p.applicationName());
        if (app == null) {
            return Optional.empty();
        }
        return Optional.of(new ApplicationSelection(app, p.info().getRoutingRegion(), subscriberOf(p.info()), p.stateInfo()));
    }

    private static javax.servlet.sip.URI subscriberOf(SipApplicationRouterInfo info) {
        if (info.getSubscriberURI() == null) {
            return null;
        }
        try {
            return JainURIs.parse(info.getSubscriberURI());
        } catch (javax.servlet.sip.ServletParseException e) {
            LOG.atDebug().addKeyValue("uri", info.getSubscriberURI()).log("router gave a bad subscriber URI");
            return null;
        }
    }

    /** JSR 289 §15.11.2: an encoded URI or an application key picks an existing application session. */
    private ContainerApplicationSession applicationSessionFor(DeployedApplication app, ContainerRequest request) {
        javax.sip.address.URI uri = request.jainRequest().getRequestURI();
        if (uri instanceof javax.sip.address.SipURI sip) {
            String id = sip.getParameter(ContainerApplicationSession.ENCODED_URI_PARAMETER);
            ContainerApplicationSession encoded = id == null ? null : context.sessions().applicationSession(id);
            if (encoded != null && encoded.isValid() && encoded.application() == app) {
                return encoded;
            }
        }
        Optional<Method> keyMethod = app.applicationKeyMethod();
        if (keyMethod.isPresent()) {
            try {
                Object key = keyMethod.get().invoke(null, request);
                if (key != null) {
                    return context.sessions().applicationSessionForKey(app, key.toString());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("@SipApplicationKey method failed", e);
            }
        }
        return context.sessions().createApplicationSession(app);
    }

    /** RFC 3261 §9.2: 200 to the CANCEL, 487 to the INVITE if still pending, and doCancel to the servlet. */
    private void onCancel(RequestEvent event) {
        ServerTransaction cancelTx = context.serverTransactionFor(event);
        if (cancelTx == null) {
            return;
        }
        ServerTransaction inviteTx = Transmitter.cancelledInvite(cancelTx);
        Object data = inviteTx == null ? null : inviteTx.getApplicationData();
        if (data == ContainerSipSession.ENDED) {
            respond(cancelTx, Response.OK, null); // RFC 3261 §9.2: answered, its session over; the CANCEL changes nothing
            return;
        }
        if (!(data instanceof ContainerRequest invite) || invite.containerSession() == null) {
            respond(cancelTx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call/Transaction Does Not Exist");
            return;
        }
        respond(cancelTx, Response.OK, null);
        ContainerSipSession session = invite.containerSession();
        ContainerRequest cancel = incoming(event.getRequest(), session, false, cancelTx);
        cancel.markFinalResponseSent();
        if (proxies.onCancel(invite)) {
            invoker.deliver(session, cancel); // RFC 3261 §16.10: the branches are cancelled; their 487 goes upstream
            return;
        }
        session.containerApplicationSession().executor().execute(() -> {
            if (!invite.finalResponseSent()) {
                try {
                    invite.createResponse(Response.REQUEST_TERMINATED).send();
                } catch (Exception e) {
                    LOG.atDebug().setCause(e).log("could not send 487");
                }
            }
        });
        invoker.deliver(session, cancel);
    }

    // --- responses ------------------------------------------------------------------------------------

    public void onResponse(ResponseEvent event) {
        if (proxies.onResponse(event)) {
            return; // a response to a request a proxy forwarded (RFC 3261 §16.7)
        }
        if (sessionTimers.onResponse(event)) {
            return; // the container's own session refresh or expiry BYE, or a 422 it retries (RFC 4028)
        }
        ClientTransaction ct = event.getClientTransaction();
        ContainerRequest request;
        if (event instanceof ResponseEventExt forked && forked.isForkedResponse() && !forked.isRetransmission()
                && forked.getOriginalTransaction() != null) {
            // a fork's response; its 2xx after the INVITE's transaction ended, with or without that transaction
            request = ForkedDialogs.requestOf(forked.getOriginalTransaction());
        } else {
            request = ct != null && ct.getApplicationData() instanceof ContainerRequest r ? r : null;
        }
        if (request == null) {
            return; // a 2xx retransmission: the dialog re-ACKs it
        }
        ContainerSipSession session = ForkedDialogs.sessionFor(context, request, event.getDialog());
        Response response = event.getResponse();
        ContainerResponse r = new ContainerResponse(context, response, session, request, transmitter, endpointsOf(response));
        updateUacState(request, session, r, event.getDialog());
        invoker.deliver(session, r);
    }

    private static void updateUacState(ContainerRequest request, ContainerSipSession session, ContainerResponse r,
                                       Dialog dialog) {
        int status = r.getStatus();
        String method = request.getMethod();
        if (Request.BYE.equals(method) && status >= 200 && status < 300) {
            // before the BYE leaves the ongoing messages: UnacknowledgedAnswerHangUp, on another thread,
            // reads them first and the state second, so it sees the BYE or the end, never neither
            session.setState(State.TERMINATED);
        }
        if (status >= 200) {
            session.removeOngoing(request);
        }
        if (Request.CANCEL.equals(method)) {
            return;
        }
        if (Request.INVITE.equals(method) && status >= 200 && status < 300) {
            session.addOngoing(r); // JSR 289 §12.3: a 2xx to any INVITE is pending until the application ACKs it
        }
        if (request.isInitial() && Transmitter.createsDialog(method)) {
            if (status > 100 && status < 200 && session.getState() == State.INITIAL) {
                session.setState(State.EARLY);
            } else if (status >= 200 && status < 300) {
                session.setState(State.CONFIRMED);
                session.setRemoteParty(r.getTo());
            } else if (status >= 300) {
                // JSR 289 §6.2.1: a failed initial request leaves a UAC session INITIAL
                session.setState(State.INITIAL);
            }
        }
    }

    /** RFC 3261 §17.1: a client transaction that timed out reaches the application as a 408. */
    public void onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        if (proxies.onTimeout(event) || sessionTimers.onTimeout(event)) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null || !(ct.getApplicationData() instanceof ContainerRequest request)) {
            return;
        }
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            Response timeout = context.messages().createResponse(Response.REQUEST_TIMEOUT, request.jainRequest());
            ContainerSipSession session = request.containerSession();
            ContainerResponse r = new ContainerResponse(context, timeout, session, request, transmitter, null);
            updateUacState(request, session, r, null);
            invoker.deliver(session, r);
        } catch (ParseException e) {
            LOG.atDebug().setCause(e).log("could not build 408");
        }
    }

    public void onDialogTerminated(DialogTerminatedEvent event) {
        ContainerSipSession session = sessionOf(event.getDialog());
        if (session != null && session.isValid()) {
            session.containerApplicationSession().executor().execute(() -> {
                if (session.isValid()) {
                    unacknowledged.hangUpIfUnacknowledged(session, event.getDialog()); // RFC 3261 §13.3.1.4
                    session.setState(State.TERMINATED);
                    session.invalidateIfReady();
                }
            });
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static ContainerSipSession sessionOf(Dialog dialog) {
        return dialog != null && dialog.getApplicationData() instanceof ContainerSipSession s ? s : null;
    }

    private ContainerRequest incoming(Request request, ContainerSipSession session, boolean initial, ServerTransaction st) {
        ContainerRequest r = new ContainerRequest(context, request, session, true, initial, transmitter);
        r.setEndpoints(endpointsOf(request));
        if (st != null) {
            r.setTransaction(st);
            if (session != null) {
                session.bindTransaction(st, r);
            } else {
                st.setApplicationData(r); // an initial request: bound to its session once that exists
            }
        }
        return r;
    }

    /** The socket pair and transport a message arrived on. */
    public static ContainerMessage.Endpoints endpointsOf(Message message) {
        if (!(message instanceof SIPMessage sip)) {
            return null;
        }
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        InetAddress local = sip.getLocalAddress();
        InetAddress remote = sip.getRemoteAddress();
        return new ContainerMessage.Endpoints(
                local == null ? null : local.getHostAddress(), sip.getLocalPort(),
                remote == null ? null : remote.getHostAddress(), sip.getRemotePort(),
                via == null ? null : via.getTransport());
    }


    /** RFC 3261 §21.5.4 with Retry-After (§20.33): new work refused while the workers are saturated. */
    private void shed(RequestEvent event) {
        try {
            Response busy = context.messages().createResponse(Response.SERVICE_UNAVAILABLE, event.getRequest());
            busy.setReasonPhrase("Service Unavailable - Overloaded");
            RetryAfterHeader retry = context.headers().createRetryAfterHeader(RETRY_AFTER_SECONDS);
            busy.addHeader(retry);
            StatelessResponder.send(context.provider(), event.getRequest(), busy);
        } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
            LOG.atDebug().setCause(e).log("could not shed request");
        }
    }

    private void respondStateless(RequestEvent event, int status, String reason) {
        try {
            Response response = context.messages().createResponse(status, event.getRequest());
            response.setReasonPhrase(reason);
            StatelessResponder.send(context.provider(), event.getRequest(), response);
        } catch (ParseException | SipException e) {
            LOG.atDebug().setCause(e).log("could not answer statelessly");
        }
    }

    private void respond(ServerTransaction st, int status, String reason) {
        try {
            Response response = context.messages().createResponse(status, st.getRequest());
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            st.sendResponse(response);
        } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
            LOG.atDebug().addKeyValue("status", status).setCause(e).log("could not respond");
        }
    }

}
