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
        stack = factory.createSipStack(p);
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        int free;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
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
