package org.webims.interworking.peers;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.stack.PromptStopSipStack;
import org.webims.sip.stack.SipStackHost;

/**
 * The IMS side of a call as a test drives it: a JAIN-SIP user agent on UDP standing where the
 * S-CSCF is (requests to it arrive as they would at the S-CSCF, which here also answers them).
 */
public final class ImsPeer implements SipListener, AutoCloseable {
    private static final AtomicInteger STACKS = new AtomicInteger();

    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final int port;
    private final LinkedBlockingQueue<RequestEvent> requests = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ResponseEvent> responses = new LinkedBlockingQueue<>();

    public ImsPeer() throws Exception {
        SipFactory factory = SipStackHost.privateSipFactory();
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "ims-peer-" + STACKS.incrementAndGet());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "org.webims.sip.stack.Slf4jStackLogger");
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", "org.webims.sip.stack.Slf4jMessageLogger");
        stack = new PromptStopSipStack(p);
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        int free = org.webims.sip.stack.UnusedPorts.shared().next(); // not one the container was given and has yet to bind
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", free, "udp");
        port = lp.getPort();
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        stack.start();
    }

    public int port() {
        return port;
    }

    public RequestEvent nextRequest(String method, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RequestEvent e = requests.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("the IMS side got no " + method + " within " + timeout);
            }
            if (e.getRequest().getMethod().equals(method)) {
                return e;
            }
        }
    }

    public ResponseEvent nextResponse(Duration timeout) throws InterruptedException {
        ResponseEvent e = responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("the IMS side got no response within " + timeout);
        }
        return e;
    }

    /** Answers the request of {@code event} with {@code status}, an SDP body when {@code sdp} is not null. */
    public ServerTransaction respond(RequestEvent event, int status, String sdp) throws Exception {
        ServerTransaction tx = event.getServerTransaction();
        if (tx == null) {
            tx = provider.getNewServerTransaction(event.getRequest());
        }
        Response r = messages.createResponse(status, event.getRequest());
        if (status > 100) {
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag("ims" + System.identityHashCode(tx));
            }
            r.addHeader(headers.createContactHeader(addresses.createAddress("sip:callee@127.0.0.1:" + port)));
        }
        if (sdp != null) {
            r.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        }
        tx.sendResponse(r);
        return tx;
    }

    /**
     * Sends an INVITE as the S-CSCF sends one over ISC: {@code headers} ("Name: value", Route
     * among them) are added as given, in order; returns its transaction.
     */
    public ClientTransaction invite(String requestUri, String from, java.util.List<String> headers, String sdp)
            throws Exception {
        return send(Request.INVITE, requestUri, from, requestUri, headers, sdp);
    }

    /** Sends an out-of-dialog request with {@code headers} ("Name: value") added in order; returns its transaction. */
    public ClientTransaction send(String method, String requestUri, String from, String toUri,
                                  java.util.List<String> headers, String sdp) throws Exception {
        javax.sip.address.URI target = addresses.createURI(requestUri);
        javax.sip.header.FromHeader fromHeader = this.headers.createFromHeader(addresses.createAddress(from),
                "scscf" + STACKS.incrementAndGet());
        javax.sip.header.ToHeader to = this.headers.createToHeader(addresses.createAddress(toUri), null);
        javax.sip.header.ViaHeader via = this.headers.createViaHeader("127.0.0.1", port, "udp", null);
        Request invite = messages.createRequest(target, method, provider.getNewCallId(),
                this.headers.createCSeqHeader(1L, method), fromHeader, to, java.util.List.of(via),
                this.headers.createMaxForwardsHeader(70));
        invite.addHeader(this.headers.createContactHeader(addresses.createAddress("sip:caller@127.0.0.1:" + port)));
        for (String h : headers) {
            int colon = h.indexOf(':');
            invite.addHeader(this.headers.createHeader(h.substring(0, colon).strip(), h.substring(colon + 1).strip()));
        }
        if (sdp != null) {
            invite.setContent(sdp, this.headers.createContentTypeHeader("application", "sdp"));
        }
        ClientTransaction tx = provider.getNewClientTransaction(invite);
        tx.sendRequest();
        return tx;
    }

    /** Cancels the INVITE of {@code invite} (RFC 3261 §9.1). */
    public void cancel(ClientTransaction invite) throws Exception {
        provider.getNewClientTransaction(invite.createCancel()).sendRequest();
    }

    /** The next response to a request of {@code method} with a status at least {@code minStatus}. */
    public Response nextResponse(String method, int minStatus, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ResponseEvent e = passedOver.stream().filter(p -> matches(p, method, minStatus)).findFirst().orElse(null);
            if (e != null) {
                passedOver.remove(e);
            } else {
                e = responses.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (e == null) {
                throw new AssertionError("the IMS side got no response to " + method + " (>= " + minStatus + ") within "
                        + timeout);
            }
            if (matches(e, method, minStatus)) {
                lastDialog = e.getDialog() != null ? e.getDialog() : lastDialog;
                return e.getResponse();
            }
            if (e.getResponse().getStatusCode() >= 200) {
                passedOver.add(e); // a final response to another request (a 487 before the CANCEL's 200) waits its turn
            }
        }
    }

    /** Final responses {@link #nextResponse} read while it looked for another request's. */
    private final java.util.List<ResponseEvent> passedOver = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static boolean matches(ResponseEvent e, String method, int minStatus) {
        Response r = e.getResponse();
        String cseqMethod = ((javax.sip.header.CSeqHeader) r.getHeader(javax.sip.header.CSeqHeader.NAME)).getMethod();
        return cseqMethod.equals(method) && r.getStatusCode() >= minStatus;
    }

    private volatile Dialog lastDialog;

    /** ACKs a 2xx to our INVITE (RFC 3261 §13.2.2.4) on the dialog it made. */
    public void ack(Response ok) throws Exception {
        long cseq = ((javax.sip.header.CSeqHeader) ok.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber();
        Request ack = lastDialog.createAck(cseq);
        lastDialog.sendAck(ack);
    }

    /** The dialog of the last INVITE response seen by {@link #nextResponse(String, int, Duration)}. */
    public Dialog dialog() {
        return lastDialog;
    }

    /** Sends a re-INVITE or UPDATE with {@code sdp} inside {@code dialog} (RFC 3261 §14.1, RFC 3311). */
    public void offerInDialog(Dialog dialog, String method, String sdp) throws Exception {
        Request r = dialog.createRequest(method);
        r.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        dialog.sendRequest(provider.getNewClientTransaction(r));
    }

    /** Sends {@code method} with a body of {@code application/<subtype>} inside {@code dialog} (e.g. INFO with DTMF). */
    public void sendInDialog(Dialog dialog, String method, String subtype, String body) throws Exception {
        Request r = dialog.createRequest(method);
        r.setContent(body, headers.createContentTypeHeader("application", subtype));
        dialog.sendRequest(provider.getNewClientTransaction(r));
    }

    /** Answers an INVITE with a reliable provisional response (RFC 3262 §3), SDP when {@code sdp} is not null. */
    public void respondReliably(RequestEvent event, int status, String sdp) throws Exception {
        ServerTransaction tx = event.getServerTransaction();
        Response r = tx.getDialog().createReliableProvisionalResponse(status);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag("ims" + System.identityHashCode(tx)); // as respond() tags this transaction's responses
        }
        r.addHeader(headers.createContactHeader(addresses.createAddress("sip:callee@127.0.0.1:" + port)));
        if (sdp != null) {
            r.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        }
        tx.getDialog().sendReliableProvisionalResponse(r);
    }

    /** PRACKs a reliable provisional response to our INVITE (RFC 3262 §4) on the dialog it made. */
    public void prack(Response reliable) throws Exception {
        Request prack = lastDialog.createPrack(reliable);
        lastDialog.sendRequest(provider.getNewClientTransaction(prack));
    }

    /** Ends the dialog of an answered INVITE with a BYE from the IMS side. */
    public void bye(Dialog dialog) throws Exception {
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction tx = provider.getNewClientTransaction(bye);
        dialog.sendRequest(tx);
    }

    @Override
    public void processRequest(RequestEvent event) {
        try {
            if (event.getRequest().getMethod().equals(Request.ACK)) {
                requests.add(event);
                return;
            }
            if (event.getServerTransaction() == null) {
                ServerTransaction tx = provider.getNewServerTransaction(event.getRequest());
                event = new RequestEvent(provider, tx, tx.getDialog(), event.getRequest());
            }
            if (event.getRequest().getMethod().equals(Request.BYE) || event.getRequest().getMethod().equals(Request.CANCEL)) {
                respond(event, 200, null); // the test checks that they came; answering is routine
            }
            requests.add(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public void processResponse(ResponseEvent event) { responses.add(event); }
    @Override public void processTimeout(TimeoutEvent event) { }
    @Override public void processIOException(IOExceptionEvent event) { }
    @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent event) { }

    public String contentOf(Request r) {
        return r.getRawContent() == null ? "" : new String(r.getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stack.stop();
    }
}
