package org.webims.testims.ua;

import gov.nist.javax.sip.ServerTransactionExt;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.ims.SessionPreconditions;
import org.webims.media.sdp.SdpParseException;
import org.webims.sip.stack.PromptStopSipStack;
import org.webims.testims.agent.SipMessageFactories;
import org.webims.testims.net.FreePorts;
import org.webims.testims.sip.Digest;
import org.webims.testims.sip.HeaderValues;
import org.webims.testims.sip.TestStackProperties;

/**
 * An IMS UE for tests on its own JAIN-SIP stack (UDP on loopback): registers through the P-CSCF
 * with digest (the AKA stand-in), places calls and answers them with MTSI SDP, PRACKs reliable
 * provisional responses and sends them when asked (RFC 3262), sends and answers re-INVITE and UPDATE
 * (RFC 3311), and records every message it receives for assertions.
 *
 * <p>With {@link ImsUaOptions#preconditions()} it negotiates qos preconditions (RFC 3312, segmented,
 * TS 24.229 §5.1.3.1, §6.1.2) as a VoLTE UE does. Calling: its offer carries none reserved; the
 * reliable 183's answer gives the far end's status; once that 183 is PRACKed its own bearer counts
 * as reserved and an UPDATE says so (RFC 3312 §5.1). Called: it answers in a reliable 183 with its
 * status, none reserved, asking the caller to confirm; its bearer counts as reserved once that 183
 * is PRACKed; the caller's UPDATE is answered with both statuses, and only when they are met does
 * it alert (reliable 180) and, once that is PRACKed, answer (200 without SDP: the answer went in
 * the 183). The bearer is a stand-in: there is no access network to reserve on loopback.
 */
public final class ImsUserAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImsUserAgent.class);
    private static final String HOST = "127.0.0.1";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ImsIdentity identity;
    private final SipURI pcscf;
    private final ImsUaOptions options;
    private final SipMessageFactories f = new SipMessageFactories();
    private final SipStack stack;
    private final SipProvider provider;
    private final int port;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ImsCall> incoming = new LinkedBlockingQueue<>();
    private final List<ImsCall> calls = new CopyOnWriteArrayList<>();
    private final Map<ClientTransaction, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final String registerCallId;
    private long registerCSeq;

    /** Starts a UE on a free loopback port whose outbound proxy is {@code pcscf}. */
    public ImsUserAgent(ImsIdentity identity, SipURI pcscf, ImsUaOptions options) throws Exception {
        this.identity = identity;
        this.pcscf = pcscf;
        this.options = options;
        this.port = FreePorts.tcpAndUdp();
        this.stack = new PromptStopSipStack(TestStackProperties.blocking("ims-ue", true));
        try {
            ListeningPoint lp = stack.createListeningPoint(HOST, port, ListeningPoint.UDP);
            provider = stack.createSipProvider(lp);
            provider.addSipListener(new Listener());
            stack.start();
        } catch (Exception e) {
            stack.stop();
            throw e;
        }
        registerCallId = "reg-" + SEQUENCE.incrementAndGet() + "-" + nonce() + "@" + HOST;
    }

    public ImsIdentity identity() {
        return identity;
    }

    /** {@code sip:user@127.0.0.1:port}, where this UE receives requests. */
    public SipURI contactUri() {
        try {
            return f.addresses().createSipURI(identity.user(), HOST + ":" + port);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything this UE received, requests and responses, in order. */
    public List<Message> received() {
        return List.copyOf(received);
    }

    /** The requests of {@code method} this UE received. */
    public List<Request> receivedRequests(String method) {
        return received.stream().filter(m -> m instanceof Request r && r.getMethod().equals(method))
                .map(m -> (Request) m).toList();
    }

    /**
     * Waits for the next incoming call. It comes once answered or rejected, or once its SDP
     * answer is made and it has rung (180, reliably when asked), so {@link ImsCall#answer()} may follow at once.
     * With preconditions it comes once its answer went in the reliable 183; it alerts and, when
     * auto-answering, answers by itself once the preconditions are met.
     */
    public ImsCall awaitIncomingCall(Duration timeout) throws InterruptedException {
        return incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * REGISTER through the P-CSCF for {@code expires} seconds, answering a digest challenge once
     * (RFC 3261 §22.2); returns the final response.
     */
    public Response register(int expires, Duration timeout) throws Exception {
        Response r = send(registerRequest(expires, null), timeout);
        if (r.getStatusCode() == Response.UNAUTHORIZED) {
            WWWAuthenticateHeader challenge = (WWWAuthenticateHeader) r.getHeader(WWWAuthenticateHeader.NAME);
            r = send(registerRequest(expires, challenge), timeout);
        }
        return r;
    }

    private Request registerRequest(int expires, WWWAuthenticateHeader challenge) throws Exception {
        var h = f.headers();
        var a = f.addresses();
        SipURI domain = a.createSipURI(null, identity.domain());
        Address me = a.createAddress(a.createURI(identity.impu()));
        Request r = f.messages().createRequest(domain, Request.REGISTER,
                h.createCallIdHeader(registerCallId), h.createCSeqHeader(++registerCSeq, Request.REGISTER),
                h.createFromHeader(me, nonce()), h.createToHeader(me, null),
                new java.util.ArrayList<>(List.of(h.createViaHeader(HOST, port, "udp", null))),
                h.createMaxForwardsHeader(70));
        var contact = h.createContactHeader(a.createAddress(contactUri()));
        contact.setExpires(expires);
        r.addHeader(contact);
        r.addHeader(h.createExpiresHeader(expires));
        r.addHeader(h.createSupportedHeader("path"));
        r.addHeader(h.createRouteHeader(a.createAddress(pcscf)));
        if (challenge != null) {
            String cnonce = nonce();
            String nc = "00000001";
            String uri = domain.toString();
            String response = Digest.response(identity.impi(), challenge.getRealm(), identity.password(),
                    Request.REGISTER, uri, challenge.getNonce(), nc, cnonce, "auth");
            r.addHeader(h.createHeader("Authorization", "Digest username=\"" + identity.impi() + "\", realm=\""
                    + challenge.getRealm() + "\", nonce=\"" + challenge.getNonce() + "\", uri=\"" + uri
                    + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"" + cnonce
                    + "\", qop=auth, nc=" + nc));
        }
        return r;
    }

    /** Places a call to {@code target} (a sip: or tel: URI) with our MTSI offer. */
    public ImsCall call(String target) throws Exception {
        var h = f.headers();
        var a = f.addresses();
        UaMedia media = new UaMedia(HOST, options.video());
        String offer = media.offer();
        Address me = a.createAddress(a.createURI(identity.impu()));
        Request invite = f.messages().createRequest(a.createURI(target), Request.INVITE,
                h.createCallIdHeader("call-" + SEQUENCE.incrementAndGet() + "-" + nonce() + "@" + HOST),
                h.createCSeqHeader(1L, Request.INVITE), h.createFromHeader(me, nonce()),
                h.createToHeader(a.createAddress(a.createURI(target)), null),
                new java.util.ArrayList<>(List.of(h.createViaHeader(HOST, port, "udp", null))),
                h.createMaxForwardsHeader(70));
        invite.addHeader(h.createContactHeader(a.createAddress(contactUri())));
        invite.addHeader(h.createRouteHeader(a.createAddress(pcscf)));
        if (options.reliableProvisional()) {
            invite.addHeader(h.createSupportedHeader("100rel"));
        }
        SessionPreconditions preconditions = null;
        if (options.preconditions()) {
            // TS 24.229 §5.1.3.1: the UE supports preconditions; our segment is not reserved yet
            invite.addHeader(h.createSupportedHeader(SessionPreconditions.OPTION_TAG));
            preconditions = SessionPreconditions.forOffer(offer);
            offer = preconditions.applyTo(offer);
        }
        invite.setContent(offer, h.createContentTypeHeader("application", "sdp"));
        ClientTransaction ct = provider.getNewClientTransaction(invite);
        ImsCall call = new ImsCall(this, true, invite, media);
        call.preconditions = preconditions;
        calls.add(call);
        call.localSdp = offer;
        call.inviteClientTransaction = ct;
        call.dialog = ct.getDialog();
        ct.setApplicationData(call);
        if (call.dialog != null) {
            call.dialog.setApplicationData(call);
        }
        ct.sendRequest();
        return call;
    }

    void answer(ImsCall call) throws Exception {
        ServerTransaction st = call.inviteTransaction;
        Response ok = f.messages().createResponse(Response.OK, st.getRequest());
        ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
        if (to.getTag() == null && call.localTag != null) {
            to.setTag(call.localTag); // the tag of our reliable provisional responses: one dialog
        }
        ok.addHeader(f.headers().createContactHeader(f.addresses().createAddress(contactUri())));
        if (call.localSdp != null && !call.answeredReliably) {
            ok.setContent(call.localSdp, f.headers().createContentTypeHeader("application", "sdp"));
        }
        st.sendResponse(ok);
        call.answered = true;
    }

    /** RFC 3312 §5.1: tells the peer in an UPDATE (RFC 3311) that our segment is now reserved. */
    private void sendLocalStatus(ImsCall call) throws Exception {
        call.localStatusSent = true;
        call.preconditions.localReserved();
        String offer = call.preconditions.nextVersionOf(call.localSdp);
        call.localSdp = offer;
        Request update = call.dialog.createRequest(Request.UPDATE);
        update.setContent(offer, f.headers().createContentTypeHeader("application", "sdp"));
        ClientTransaction ct = provider.getNewClientTransaction(update);
        call.dialog.sendRequest(ct);
    }

    /** A reliable provisional response (RFC 3262) on an incoming call, with the To tag all its responses share. */
    private Response reliableProvisional(ImsCall call, int status) throws Exception {
        Response r = call.dialog.createReliableProvisionalResponse(status);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            if (call.localTag == null) {
                call.localTag = call.dialog.getLocalTag() != null ? call.dialog.getLocalTag() : nonce();
            }
            to.setTag(call.localTag);
        }
        return r;
    }

    /** RFC 3312 §5.1: the called UE alerts (180, reliably) only once both segments are reserved. */
    private void alertOnceMet(ImsCall call) throws Exception {
        if (call.alerted || !call.preconditions.met()) {
            return;
        }
        call.alerted = true;
        Response ringing = reliableProvisional(call, Response.RINGING);
        ringing.addHeader(f.headers().createContactHeader(f.addresses().createAddress(contactUri())));
        call.awaitingPrack = true;
        call.dialog.sendReliableProvisionalResponse(ringing);
    }

    Response sendInDialog(ImsCall call, String method, String sdp, Duration timeout) throws Exception {
        Dialog d = call.dialog;
        Request r = d.createRequest(method);
        if (sdp != null) {
            r.setContent(sdp, f.headers().createContentTypeHeader("application", "sdp"));
        }
        ClientTransaction ct = provider.getNewClientTransaction(r);
        CompletableFuture<Response> result = new CompletableFuture<>();
        pending.put(ct, result);
        try {
            d.sendRequest(ct);
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pending.remove(ct);
        }
    }

    /** Sends an out-of-dialog request in a client transaction and waits for its final response. */
    private Response send(Request request, Duration timeout) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(request);
        CompletableFuture<Response> result = new CompletableFuture<>();
        pending.put(ct, result);
        try {
            ct.sendRequest();
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pending.remove(ct);
        }
    }

    private static String nonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        calls.forEach(ImsCall::release); // media sockets of calls still up
        // stop closes the listening points; deleting the provider first would stop the stack twice
        stack.stop();
    }

    private final class Listener implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            received.add((Message) request.clone());
            try {
                ServerTransaction st = event.getServerTransaction();
                if (st == null && !Request.ACK.equals(request.getMethod())) {
                    try {
                        st = provider.getNewServerTransaction(request);
                    } catch (TransactionAlreadyExistsException retransmission) {
                        return;
                    }
                }
                Dialog dialog = event.getDialog() != null ? event.getDialog() : st == null ? null : st.getDialog();
                ImsCall call = dialog == null ? null : (ImsCall) dialog.getApplicationData();
                switch (request.getMethod()) {
                    case Request.INVITE -> invite(st, request, dialog, call);
                    case Request.ACK -> {
                        if (call != null) {
                            call.onAck(request);
                        }
                    }
                    case Request.PRACK -> {
                        st.sendResponse(f.messages().createResponse(Response.OK, request));
                        if (call != null && call.awaitingPrack) {
                            call.awaitingPrack = false;
                            if (call.preconditions != null && !call.alerted) {
                                call.preconditions.localReserved(); // our bearer, once the 183 is acknowledged
                                alertOnceMet(call);
                            } else if (options.autoAnswer()) {
                                answer(call);
                            }
                        }
                    }
                    case Request.BYE -> {
                        st.sendResponse(f.messages().createResponse(Response.OK, request));
                        if (call != null) {
                            call.markEnded();
                        }
                    }
                    case Request.UPDATE -> update(st, request, call);
                    case Request.CANCEL -> {
                        st.sendResponse(f.messages().createResponse(Response.OK, request));
                        ServerTransaction invite = ((ServerTransactionExt) st).getCanceledInviteTransaction();
                        if (invite != null) {
                            invite.sendResponse(f.messages().createResponse(Response.REQUEST_TERMINATED,
                                    invite.getRequest()));
                            if (invite.getDialog() != null && invite.getDialog().getApplicationData() instanceof ImsCall cancelled) {
                                cancelled.release(); // RFC 3261 §9.2: the INVITE ends with 487, its media with it
                            }
                        }
                    }
                    default -> st.sendResponse(f.messages().createResponse(Response.OK, request));
                }
            } catch (Exception e) {
                LOG.atDebug().addKeyValue("method", request.getMethod()).setCause(e).log("UE cannot handle request");
            }
        }

        private void invite(ServerTransaction st, Request request, Dialog dialog, ImsCall existing)
                throws Exception {
            if (existing != null) {
                update(st, request, existing); // a re-INVITE: answer its offer the same way
                return;
            }
            ImsCall call = new ImsCall(ImsUserAgent.this, false, (Request) request.clone(),
                    new UaMedia(HOST, options.video()));
            call.inviteTransaction = st;
            call.dialog = dialog;
            dialog.setApplicationData(call);
            calls.add(call);
            try {
                ring(st, request, dialog, call);
            } finally {
                // handed to the test only once it has its SDP answer and has rung: an answer() from the
                // test's thread before that sent a 200 without SDP, and the 180 after it (RFC 3261 §13.3.1)
                incoming.add(call);
            }
        }

        /** Rejects, or rings (reliably when asked, RFC 3262) and answers when auto-answering. */
        private void ring(ServerTransaction st, Request request, Dialog dialog, ImsCall call) throws Exception {
            if (options.rejectStatus() > 0) {
                st.sendResponse(f.messages().createResponse(options.rejectStatus(), request));
                call.release();
                return;
            }
            call.remoteSdp = ImsCall.bodyOf(request);
            if (call.remoteSdp != null) {
                call.localSdp = call.media().answer(call.remoteSdp);
                if (call.localSdp == null) {
                    Response r = f.messages().createResponse(Response.NOT_ACCEPTABLE_HERE, request);
                    r.addHeader(f.headers().createWarningHeader(HOST, 305, "Incompatible media format"));
                    st.sendResponse(r);
                    call.release();
                    return;
                }
            }
            if (wantsPreconditions(request, call)) {
                if (!options.preconditions()) {
                    // RFC 3261 §8.2.2.3: a required extension we lack
                    Response r = f.messages().createResponse(Response.BAD_EXTENSION, request);
                    r.addHeader(f.headers().createUnsupportedHeader(SessionPreconditions.OPTION_TAG));
                    st.sendResponse(r);
                    call.release();
                    return;
                }
                if (supports100rel(request)) {
                    answerWithPreconditions(dialog, call);
                    return;
                }
            }
            Response ringing = f.messages().createResponse(Response.RINGING, request);
            ringing.addHeader(f.headers().createContactHeader(f.addresses().createAddress(contactUri())));
            if (options.reliableProvisional() && supports100rel(request)) {
                Response reliable = dialog.createReliableProvisionalResponse(Response.RINGING);
                ToHeader to = (ToHeader) reliable.getHeader(ToHeader.NAME);
                if (to.getTag() == null) {
                    to.setTag(dialog.getLocalTag() != null ? dialog.getLocalTag() : nonce());
                }
                reliable.addHeader(f.headers().createContactHeader(f.addresses().createAddress(contactUri())));
                call.awaitingPrack = true;
                dialog.sendReliableProvisionalResponse(reliable);
                return; // 200 once PRACKed
            }
            st.sendResponse(ringing);
            if (options.autoAnswer()) {
                answer(call);
            }
        }

        /**
         * RFC 3312 §5.1, §6 (TS 24.229 §6.1.2): the offer's answer in a reliable 183 with our
         * status, nothing of ours reserved yet, asking the caller to confirm its segment.
         */
        private void answerWithPreconditions(Dialog dialog, ImsCall call) throws Exception {
            call.preconditions = SessionPreconditions.forAnswer(call.remoteSdp);
            call.localSdp = call.preconditions.applyTo(call.localSdp);
            Response progress = reliableProvisional(call, Response.SESSION_PROGRESS);
            progress.addHeader(f.headers().createContactHeader(f.addresses().createAddress(contactUri())));
            progress.setContent(call.localSdp, f.headers().createContentTypeHeader("application", "sdp"));
            call.answeredReliably = true;
            call.awaitingPrack = true;
            dialog.sendReliableProvisionalResponse(progress);
        }

        /** Whether an INVITE asks for preconditions: in Require, or in Supported with qos lines in its offer. */
        private boolean wantsPreconditions(Request request, ImsCall call) {
            boolean required = HeaderValues.all(request, RequireHeader.NAME).stream()
                    .anyMatch(v -> v.contains(SessionPreconditions.OPTION_TAG));
            boolean supported = HeaderValues.all(request, SupportedHeader.NAME).stream()
                    .anyMatch(v -> v.contains(SessionPreconditions.OPTION_TAG));
            return required || supported && options.preconditions() && call.remoteSdp != null
                    && SessionPreconditions.offered(call.remoteSdp);
        }

        /** The caller's status UPDATE in the early dialog (RFC 3312 §5.1): answered with ours, then alerting once met. */
        private void earlyStatus(ServerTransaction st, Request request, ImsCall call) throws Exception {
            String offer = ImsCall.bodyOf(request);
            try {
                call.preconditions.update(offer);
            } catch (SdpParseException e) {
                st.sendResponse(f.messages().createResponse(Response.BAD_REQUEST, request));
                return;
            }
            call.localSdp = call.preconditions.nextVersionOf(call.localSdp); // the same media, our present status
            call.remoteSdp = offer;
            Response ok = f.messages().createResponse(Response.OK, request);
            ok.setContent(call.localSdp, f.headers().createContentTypeHeader("application", "sdp"));
            ok.addHeader(f.headers().createContactHeader(f.addresses().createAddress(contactUri())));
            st.sendResponse(ok);
            alertOnceMet(call);
        }

        private void update(ServerTransaction st, Request request, ImsCall call) throws Exception {
            if (call != null && call.preconditions != null && !call.outgoing() && !call.isAnswered()
                    && Request.UPDATE.equals(request.getMethod()) && ImsCall.bodyOf(request) != null) {
                earlyStatus(st, request, call);
                return;
            }
            Response ok = f.messages().createResponse(Response.OK, request);
            String offer = ImsCall.bodyOf(request);
            if (offer != null && call != null) {
                String answer = call.media().answer(offer);
                if (answer == null) {
                    st.sendResponse(f.messages().createResponse(Response.NOT_ACCEPTABLE_HERE, request));
                    return;
                }
                call.remoteSdp = offer;
                call.localSdp = answer;
                ok.setContent(answer, f.headers().createContentTypeHeader("application", "sdp"));
            }
            ok.addHeader(f.headers().createContactHeader(f.addresses().createAddress(contactUri())));
            st.sendResponse(ok);
            if (offer != null && call != null && call.media().started()) {
                call.media().videoAsNegotiated(true); // a re-offer that added or dropped video (RFC 3264 §8)
            }
        }

        private boolean supports100rel(Request request) {
            for (String name : List.of(SupportedHeader.NAME, RequireHeader.NAME)) {
                for (String v : HeaderValues.all(request, name)) {
                    if (v.contains("100rel")) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            received.add((Message) response.clone());
            ClientTransaction ct = event.getClientTransaction();
            if (ct == null) {
                return; // a 2xx retransmission: the dialog layer re-sends the ACK
            }
            try {
                if (ct.getApplicationData() instanceof ImsCall call) {
                    inviteResponse(event, call, response);
                    return;
                }
                if (response.getStatusCode() / 100 == 2 && event.getDialog() != null
                        && event.getDialog().getApplicationData() instanceof ImsCall call && call.preconditions != null) {
                    preconditionResponse(ct.getRequest().getMethod(), call, response);
                }
                if (response.getStatusCode() / 100 == 2 && Request.INVITE.equals(ct.getRequest().getMethod())
                        && event.getDialog() != null) {
                    // a re-INVITE's 2xx: RFC 3261 §13.2.2.4, the UAC acknowledges it
                    long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                    event.getDialog().sendAck(event.getDialog().createAck(cseq));
                }
                CompletableFuture<Response> fut = pending.get(ct);
                if (fut != null && response.getStatusCode() >= 200) {
                    fut.complete(response);
                }
            } catch (Exception e) {
                LOG.atDebug().setCause(e).log("UE cannot handle response");
            }
        }

        /** A 2xx to our PRACK or UPDATE on a call with preconditions (RFC 3312 §5.1). */
        private void preconditionResponse(String method, ImsCall call, Response response) throws Exception {
            if (Request.PRACK.equals(method) && call.outgoing() && !call.localStatusSent && call.remoteSdp != null) {
                sendLocalStatus(call); // the 183's answer is acknowledged: our bearer is up
            } else if (Request.UPDATE.equals(method) && ImsCall.bodyOf(response) != null) {
                call.preconditions.update(ImsCall.bodyOf(response));
                call.remoteSdp = ImsCall.bodyOf(response);
            }
        }

        private void inviteResponse(ResponseEvent event, ImsCall call, Response response) throws Exception {
            int status = response.getStatusCode();
            Dialog dialog = event.getDialog();
            if (dialog != null) {
                call.dialog = dialog;
                dialog.setApplicationData(call);
            }
            if (status > 100 && status < 200 && call.preconditions != null && call.remoteSdp == null
                    && response.getRawContent() != null) {
                call.earlyAnswer(response); // RFC 3312 §6: the answer, with the far end's status, in the 183
            }
            if (status > 100 && status < 200 && response.getHeader("RSeq") != null && dialog != null) {
                Request prack = dialog.createPrack(response); // RFC 3262 §4
                ClientTransaction prackTx = provider.getNewClientTransaction(prack);
                dialog.sendRequest(prackTx);
            }
            if (status / 100 == 2 && dialog != null) {
                long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                dialog.sendAck(dialog.createAck(cseq));
            }
            call.onInviteResponse(response);
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            ClientTransaction ct = event.getClientTransaction();
            if (ct == null) {
                return;
            }
            if (ct.getApplicationData() instanceof ImsCall call) {
                call.onInviteResponse(timeoutResponse(ct.getRequest()));
            }
            CompletableFuture<Response> fut = pending.get(ct);
            if (fut != null) {
                fut.completeExceptionally(new IllegalStateException(ct.getRequest().getMethod() + " timed out"));
            }
        }

        private Response timeoutResponse(Request request) {
            try {
                return f.messages().createResponse(Response.REQUEST_TIMEOUT, request);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.atDebug().addKeyValue("peer", event.getHost() + ":" + event.getPort()).log("UE I/O error");
        }

        @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
    }
}
