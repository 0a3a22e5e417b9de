package org.webims.sip.container.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.io.IOException;
import java.text.ParseException;
import java.util.Locale;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.SipSession.State;
import javax.servlet.sip.TooManyHopsException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.b2bua.ContainerB2buaHelper;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.message.MessageSender;
import org.webims.sip.container.proxy.ProxyLayer;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.sessiontimer.SessionTimerLayer;
import org.webims.sip.stack.outbound.Identifiers;

/**
 * The container's transaction layer over JAIN-SIP: sends what applications create, in the right
 * kind of transaction, keeps dialog state, and tracks which messages are still open.
 */
public final class Transmitter implements MessageSender {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Transmitter.class);
    private final ContainerContext context;
    private final ContainerB2buaHelper b2bua;
    private final ProxyLayer proxies;
    private final java.util.function.Consumer<ContainerRequest> beforeInitialSend;
    private final SessionTimerLayer sessionTimers;

    /**
     * {@code beforeInitialSend} sees each initial request an application sends (application
     * composition); {@code sessionTimers} each request and response (RFC 4028).
     */
    public Transmitter(ContainerContext context, java.util.function.Consumer<ContainerRequest> beforeInitialSend,
                       SessionTimerLayer sessionTimers) {
        this.context = context;
        this.b2bua = new ContainerB2buaHelper(context);
        this.proxies = new ProxyLayer(context, this, beforeInitialSend);
        this.beforeInitialSend = beforeInitialSend;
        this.sessionTimers = sessionTimers;
    }

    public ContainerB2buaHelper b2bua() {
        return b2bua;
    }

    /** The stateful proxy (JSR 289 §10): what applications proxy, and the messages that come back for it. */
    public ProxyLayer proxies() {
        return proxies;
    }

    /** Session timers (RFC 4028): the dispatcher hands them what comes back for the container's own refreshes. */
    public SessionTimerLayer sessionTimers() {
        return sessionTimers;
    }

    /** RFC 3261 §12.1: methods that create a dialog. */
    public static boolean createsDialog(String method) {
        return Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method) || Request.REFER.equals(method);
    }

    // --- requests -----------------------------------------------------------------------------------

    @Override
    public void send(ContainerRequest request) throws IOException {
        Request jain = request.jainRequest();
        ContainerSipSession session = request.containerSession();
        sessionTimers.beforeSend(request);
        try {
            switch (jain.getMethod()) {
                case Request.ACK -> {
                    sendAck(session.dialog(), jain);
                    request.markCommitted();
                    // the 2xx this ACK answers is no longer pending (JSR 289 §12.3 getPendingMessages)
                    session.ongoingMessages().stream()
                            .filter(m -> m instanceof ContainerResponse r && r.containerRequest() == request.related())
                            .forEach(session::removeOngoing);
                    return;
                }
                case Request.CANCEL -> {
                    ClientTransaction ct = context.provider().getNewClientTransaction(jain);
                    bind(request, ct);
                    ct.sendRequest();
                    return;
                }
                default -> { }
            }
            Dialog dialog = session.dialog();
            if (!request.isInitial() && dialog != null && dialog.getRemoteTag() != null) {
                Identifiers.brandTopVia((SIPRequest) jain);
                ClientTransaction ct = context.provider().getNewClientTransaction(jain);
                bind(request, ct);
                dialog.sendRequest(ct);
                return;
            }
            if (request.isInitial()) {
                beforeInitialSend.accept(request);
            }
            prepareOutOfDialog(request);
            ClientTransaction ct = context.provider().getNewClientTransaction(jain);
            if (createsDialog(jain.getMethod()) && dialog == null) {
                session.bindDialog(context.provider().getNewDialog(ct));
            }
            bind(request, ct);
            ct.sendRequest();
        } catch (SipException | ParseException e) {
            request.containerSession().removeOngoing(request);
            throw new IOException("cannot send " + jain.getMethod() + ": " + e.getMessage(), e);
        }
    }

    private void bind(ContainerRequest request, ClientTransaction ct) {
        request.containerSession().bindTransaction(ct, request);
        request.setTransaction(ct);
        request.markCommitted();
        request.containerSession().addOngoing(request);
    }

    /** Via and Contact for a request sent outside a dialog, on the transport its next hop asks for. */
    private void prepareOutOfDialog(ContainerRequest request) throws SipException {
        Request jain = request.jainRequest();
        ListeningPoint lp = OutboundInterface.select(context, request.containerSession().outboundInterface(), jain);
        try {
            jain.removeHeader(ViaHeader.NAME);
            jain.addHeader(context.headers().createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(),
                    Identifiers.branch()));
            if (createsDialog(jain.getMethod()) || Request.REGISTER.equals(jain.getMethod())) {
                if (jain.getHeader(ContactHeader.NAME) == null) {
                    jain.addHeader(contactFor(lp, jain.getMethod()));
                }
            }
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            throw new SipException("cannot build Via/Contact: " + e.getMessage(), e);
        }
    }

    private ContactHeader contactFor(ListeningPoint lp, String method) throws ParseException {
        SipURI uri = context.addresses().createSipURI(null, lp.getIPAddress());
        uri.setPort(lp.getPort());
        if (!"UDP".equalsIgnoreCase(lp.getTransport())) {
            uri.setTransportParam(lp.getTransport().toLowerCase(Locale.ROOT));
        }
        return context.headers().createContactHeader(context.addresses().createAddress(uri));
    }

    /** RFC 3263 in brief: the transport parameter of the top Route or the Request-URI; sips means TLS; else UDP. */
    public static String transportFor(Request request) {
        String named = namedTransport(request);
        return named == null ? "UDP" : named;
    }

    /**
     * The transport the next hop (top Route, else Request-URI) names: its transport parameter, TLS
     * for sips; null where it names none and the client may choose (RFC 3263 §4.1).
     */
    public static String namedTransport(Request request) {
        javax.sip.address.URI next = request.getRequestURI();
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (route != null) {
            next = route.getAddress().getURI();
        }
        if (next instanceof SipURI sip) {
            String t = sip.getTransportParam();
            if (t != null) {
                return t.toUpperCase(Locale.ROOT);
            }
            return sip.isSecure() ? "TLS" : null;
        }
        return null;
    }

    @Override
    public ContainerRequest createCancel(ContainerRequest invite) {
        try {
            Request cancel = ((ClientTransaction) invite.transaction()).createCancel();
            ContainerRequest r = new ContainerRequest(context, cancel, invite.containerSession(), false, false, this);
            r.setRelated(invite);
            return r;
        } catch (SipException e) {
            throw new IllegalStateException("cannot create CANCEL: " + e.getMessage(), e);
        }
    }

    /**
     * The ACK to a 2xx goes in its dialog. Once JAIN-SIP has dropped that dialog (no ACK sent in
     * 64*T1: an ACK owed this late, see {@code dispatch.UnacknowledgedAnswerHangUp}) the dialog
     * refuses it, so it goes straight to the transport, as RFC 3261 §13.2.2.4 has the UA core send
     * it anyway: the ACK to a 2xx is no transaction (§17.1.1.3).
     */
    private void sendAck(Dialog dialog, Request ack) throws SipException {
        if (dialog.getState() == DialogState.TERMINATED) {
            context.provider().sendRequest(ack);
            return;
        }
        dialog.sendAck(ack);
        AckedDialogWatch.ackSent(dialog);
    }

    @Override
    public ContainerRequest createAck(ContainerResponse response) {
        Dialog dialog = response.containerSession().dialog();
        try {
            long cseq = ((CSeqHeader) response.jainResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = dialog.createAck(cseq);
            ContainerRequest r = new ContainerRequest(context, ack, response.containerSession(), false, false, this);
            r.setRelated(response.containerRequest());
            return r;
        } catch (SipException | javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException("cannot create ACK: " + e.getMessage(), e);
        }
    }

    @Override
    public ContainerRequest createPrack(ContainerResponse response) throws Rel100Exception {
        Dialog dialog = response.containerSession().dialog();
        try {
            Request prack = dialog.createPrack(response.jainResponse());
            return new ContainerRequest(context, prack, response.containerSession(), false, false, this);
        } catch (SipException e) {
            throw new Rel100Exception(Rel100Exception.NO_REQ_SUPPORT);
        }
    }

    @Override
    public B2buaHelper b2buaHelper(ContainerRequest request) {
        return b2bua.forRequest(request);
    }

    @Override
    public Proxy proxy(ContainerRequest request, boolean create) throws TooManyHopsException {
        return proxies.proxyFor(request, create);
    }

    // --- responses ----------------------------------------------------------------------------------

    @Override
    public void send(ContainerResponse response) throws IOException {
        ContainerRequest request = response.containerRequest();
        ContainerSipSession derived = response.containerSession();
        if (derived != null && derived != request.containerSession() && derived.derivedFrom() != null) {
            sendInDerivedDialog(response, request, derived); // JSR 289 §12 createResponseToOriginalRequest
            return;
        }
        if (request.finalResponseSent()) {
            throw new IllegalStateException("a final response was already sent to this request");
        }
        Response jain = response.jainResponse();
        int status = jain.getStatusCode();
        ContainerSipSession session = response.containerSession();
        try {
            addToTagAndContact(response, session);
            sessionTimers.beforeSend(response);
            ServerTransaction st = (ServerTransaction) request.transaction();
            st.sendResponse(jain);
            response.markCommitted();
            afterResponseSent(response, session);
            sessionTimers.afterSent(response);
        } catch (SipException | javax.sip.InvalidArgumentException | ParseException e) {
            throw new IOException("cannot send " + status + ": " + e.getMessage(), e);
        }
    }

    /** JSR 289 §12: a further answer to an initial INVITE, in a derived session's own dialog (its own To tag). */
    private void sendInDerivedDialog(ContainerResponse response, ContainerRequest request, ContainerSipSession derived)
            throws IOException {
        int status = response.getStatus();
        if (derived.getState() == State.CONFIRMED || derived.getState() == State.TERMINATED) {
            throw new IllegalStateException("session " + derived.getId() + " already has its final response");
        }
        try {
            addToTagAndContact(response, derived);
            sessionTimers.beforeSend(response);
            DerivedServerDialogs.send((SIPServerTransaction) request.transaction(), request.jainRequest(), derived,
                    response.jainResponse());
            response.markCommitted();
            afterResponseSent(response, derived);
            sessionTimers.afterSent(response);
        } catch (SipException | ParseException e) {
            throw new IOException("cannot send " + status + " in session " + derived.getId() + ": " + e.getMessage(), e);
        }
    }

    private void addToTagAndContact(ContainerResponse response, ContainerSipSession session) throws ParseException {
        Response jain = response.jainResponse();
        int status = jain.getStatusCode();
        ToHeader to = (ToHeader) jain.getHeader(ToHeader.NAME);
        if (status > 100 && to.getTag() == null) {
            to.setTag(session.localTag()); // RFC 3261 §8.2.6.2
        }
        String method = response.getMethod();
        if (status > 100 && status < 300 && createsDialog(method) && jain.getHeader(ContactHeader.NAME) == null) {
            String transport = response.getTransport() == null ? "UDP" : response.getTransport();
            jain.addHeader(contactFor(context.listeningPoint(transport), method));
        }
    }

    private static void afterResponseSent(ContainerResponse response, ContainerSipSession session) {
        ContainerRequest request = response.containerRequest();
        int status = response.getStatus();
        String method = request.getMethod();
        if (status >= 200 && status < 300 && Request.INVITE.equals(method)) {
            session.answered(response); // for SipErrorListener.noAckReceived, should its ACK never come
        }
        if (status >= 200) {
            request.markFinalResponseSent();
            session.removeOngoing(request);
        }
        if (request.isInitial() && createsDialog(method)) {
            if (status > 100 && status < 200 && session.getState() == State.INITIAL) {
                session.setState(State.EARLY);
            } else if (status >= 200 && status < 300) {
                session.setState(State.CONFIRMED);
            } else if (status >= 300) {
                session.setState(State.TERMINATED);
            }
        } else if (Request.BYE.equals(method) && status >= 200 && status < 300) {
            session.setState(State.TERMINATED);
        }
    }

    /** RFC 3262 §3: the dialog numbers it (RSeq) and retransmits it until PRACKed, for 64*T1 at most ({@link NoPrackRefusal}). */
    @Override
    public void sendReliably(ContainerResponse response) throws Rel100Exception {
        ContainerRequest request = response.containerRequest();
        ContainerSipSession session = response.containerSession();
        Dialog dialog = session.dialog();
        if (dialog == null) {
            throw new Rel100Exception(Rel100Exception.NO_REQ_SUPPORT);
        }
        try {
            addToTagAndContact(response, session);
            sessionTimers.beforeSend(response);
            Response reliable = dialog.createReliableProvisionalResponse(response.getStatus());
            ((ToHeader) reliable.getHeader(ToHeader.NAME)).setTag(session.localTag()); // RFC 3262 §3: in the dialog
            for (java.util.Iterator<?> names = response.jainResponse().getHeaderNames(); names.hasNext(); ) {
                String name = (String) names.next();
                if (reliable.getHeader(name) == null) {
                    for (java.util.Iterator<?> v = response.jainResponse().getHeaders(name); v.hasNext(); ) {
                        reliable.addHeader((javax.sip.header.Header) v.next());
                    }
                }
            }
            byte[] content = response.jainResponse().getRawContent();
            if (content != null) {
                reliable.setContent(content, (javax.sip.header.ContentTypeHeader) response.jainResponse().getHeader("Content-Type"));
            }
            dialog.sendReliableProvisionalResponse(reliable);
            // the application's response shows the RSeq it went with (RFC 3262 §3), as noPrackReceived hands it back
            response.jainResponse().setHeader((javax.sip.header.Header) reliable.getHeader(javax.sip.header.RSeqHeader.NAME).clone());
            response.markCommitted();
            afterResponseSent(response, session);
            if (dialog instanceof gov.nist.javax.sip.stack.SIPDialog d && d.getFirstTransactionInt() instanceof SIPServerTransaction st) {
                NoPrackRefusal.watch(context, response, st); // RFC 3262 §3: a 5xx when its PRACK never comes
            }
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            LOG.atDebug().setCause(e).log("reliable provisional response failed");
            throw new Rel100Exception(Rel100Exception.NO_REQ_SUPPORT);
        }
    }

    /** The INVITE server transaction a CANCEL targets, or null (RFC 3261 §9.2). */
    public static ServerTransaction cancelledInvite(ServerTransaction cancelTransaction) {
        if (cancelTransaction instanceof SIPServerTransaction st) {
            return (ServerTransaction) st.getCanceledInviteTransaction();
        }
        return null;
    }
}
