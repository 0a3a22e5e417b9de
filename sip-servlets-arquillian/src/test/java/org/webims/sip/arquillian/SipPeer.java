package org.webims.sip.arquillian;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.stack.PromptStopSipStack;
import org.webims.sip.stack.Slf4jMessageLogger;
import org.webims.sip.stack.Slf4jStackLogger;

/**
 * A real SIP user agent for the tests, on its own JAIN-SIP stack over UDP on 127.0.0.1: sends
 * requests and sees every response to them, places calls (INVITE, ACK, BYE in the dialog), and
 * queues the requests it receives for the test to answer. Uses JAIN-SIP's default (blocking)
 * message processors: NIO stacks in one JVM, like the container's, mix up their connection caches.
 */
final class SipPeer implements AutoCloseable {
    /** How long a test waits for what the container must send; a bound for failures, not a measurement. */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String user;
    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint listeningPoint;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final BlockingQueue<RequestEvent> received = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<ClientTransaction, BlockingQueue<Response>> responses = new ConcurrentHashMap<>();

    SipPeer(String user) throws Exception {
        this.user = user;
        SipFactory factory = org.webims.sip.stack.SipStackHost.privateSipFactory();
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "peer-" + user + "-" + SEQUENCE.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jMessageLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // one UDP thread: a 180 and the 200 right behind it reach the listener in that order
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        stack = new PromptStopSipStack(p);
        listeningPoint = stack.createListeningPoint("127.0.0.1", LoopbackPorts.freeUdpAndTcp(), ListeningPoint.UDP);
        provider = stack.createSipProvider(listeningPoint);
        provider.addSipListener(new Listener());
        stack.start();
    }


    /** This peer's address of record, which is also where it listens. */
    String uri() {
        return "sip:" + user + "@127.0.0.1:" + listeningPoint.getPort();
    }

    /** An out-of-dialog request to {@code requestUri} with a fresh Call-ID, tag and branch. */
    Request request(String method, String requestUri) throws Exception {
        long n = SEQUENCE.incrementAndGet();
        Address target = addresses.createAddress(requestUri);
        Address self = addresses.createAddress(uri());
        Request request = messages.createRequest(target.getURI(), method,
                headers.createCallIdHeader("peer-" + n + "-" + System.nanoTime() + "@127.0.0.1"),
                headers.createCSeqHeader(1L, method),
                headers.createFromHeader(self, "tag" + n),
                headers.createToHeader(target, null),
                List.of(headers.createViaHeader("127.0.0.1", listeningPoint.getPort(), ListeningPoint.UDP, null)),
                headers.createMaxForwardsHeader(70));
        request.addHeader(headers.createContactHeader(self));
        return request;
    }

    /** Sets a text body on {@code message}. */
    void setBody(javax.sip.message.Message message, String type, String subType, String body) throws Exception {
        ContentTypeHeader contentType = headers.createContentTypeHeader(type, subType);
        message.setContent(body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** Sends {@code request} in a new client transaction. */
    Exchange send(Request request) throws Exception {
        ClientTransaction transaction = provider.getNewClientTransaction(request);
        Exchange exchange = new Exchange(transaction);
        transaction.sendRequest();
        return exchange;
    }

    /** Sends an INVITE (with an SDP offer) in a dialog of its own. */
    Call invite(String requestUri) throws Exception {
        Request invite = request(Request.INVITE, requestUri);
        setBody(invite, "application", "sdp", "v=0\r\no=" + user + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
        ClientTransaction transaction = provider.getNewClientTransaction(invite);
        Dialog dialog = provider.getNewDialog(transaction);
        Exchange exchange = new Exchange(transaction);
        transaction.sendRequest();
        return new Call(exchange, dialog);
    }

    /** The next request of {@code method} this peer received; others before it are dropped. */
    RequestEvent awaitRequest(String method) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (long left = WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            RequestEvent event = received.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && method.equals(event.getRequest().getMethod())) {
                return event;
            }
        }
        throw new AssertionError(user + " received no " + method + " within " + WAIT);
    }

    /** The next request received within {@code wait}, or null: for checking that nothing more arrives. */
    RequestEvent pollRequest(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers a received out-of-dialog request. */
    void respond(RequestEvent event, int status) throws Exception {
        ServerTransaction transaction = event.getServerTransaction() != null
                ? event.getServerTransaction() : provider.getNewServerTransaction(event.getRequest());
        Response response = messages.createResponse(status, event.getRequest());
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("peer" + SEQUENCE.incrementAndGet());
        transaction.sendResponse(response);
    }

    @Override
    public void close() {
        // stop closes the listening point; deleting the provider first would stop the stack twice
        stack.stop();
    }

    /** A request sent, and the responses it gets, provisional ones included, in arrival order. */
    final class Exchange {
        private final ClientTransaction transaction;
        private final BlockingQueue<Response> queue = new LinkedBlockingQueue<>();
        private final List<Integer> statuses = new ArrayList<>();

        private Exchange(ClientTransaction transaction) {
            this.transaction = transaction;
            responses.put(transaction, queue);
        }

        /** The next response, provisional or final. */
        Response next() throws InterruptedException {
            Response response = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (response == null) {
                throw new AssertionError("no response to " + transaction.getRequest().getMethod() + " within " + WAIT
                        + " (seen so far: " + statuses + ")");
            }
            statuses.add(response.getStatusCode());
            return response;
        }

        /** The final response, after any provisional ones. */
        Response finalResponse() throws InterruptedException {
            Response response;
            do {
                response = next();
            } while (response.getStatusCode() < 200);
            return response;
        }

        /** The status codes seen so far, in order. */
        List<Integer> statuses() {
            return List.copyOf(statuses);
        }
    }

    /** A call placed by this peer: its INVITE exchange and its dialog. */
    final class Call {
        private final Exchange invite;
        private final Dialog dialog;

        private Call(Exchange invite, Dialog dialog) {
            this.invite = invite;
            this.dialog = dialog;
        }

        Exchange invite() {
            return invite;
        }

        /** RFC 3261 §13.2.2.4: ACK the 2xx in the dialog. */
        void ack() throws Exception {
            long cseq = ((CSeqHeader) invite.transaction.getRequest().getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        }

        /** RFC 3261 §9.1: cancels the INVITE while it has only provisional responses. */
        Exchange cancel() throws Exception {
            ClientTransaction transaction = provider.getNewClientTransaction(invite.transaction.createCancel());
            Exchange exchange = new Exchange(transaction);
            transaction.sendRequest();
            return exchange;
        }

        /** Hangs up: a BYE in the dialog. */
        Exchange bye() throws Exception {
            ClientTransaction transaction = provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
            Exchange exchange = new Exchange(transaction);
            dialog.sendRequest(transaction);
            return exchange;
        }
    }

    private final class Listener implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            received.add(event);
        }

        @Override
        public void processResponse(ResponseEvent event) {
            ClientTransaction transaction = event.getClientTransaction();
            BlockingQueue<Response> queue = transaction == null ? null : responses.get(transaction);
            if (queue != null) {
                queue.add(event.getResponse());
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
            if (event.getClientTransaction() != null) {
                responses.remove(event.getClientTransaction());
            }
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
