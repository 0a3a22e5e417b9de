package org.webims.sip.cost;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
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
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ForwardingB2buaServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.PromptStopSipStack;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * Not a test: the bench's call (INVITE with SDP / 180 / 200 with SDP / ACK / BYE / 200) through the
 * container's forwarding B2BUA over loopback UDP, between two plain JAIN-SIP peers. Loaded by
 * {@link CallCostHarness} in a class loader of its own per build; every thread the container
 * starts carries a context class loader of this scenario's ({@link #containerThreads()}).
 */
public final class CallCostScenario implements AutoCloseable {
    private static final String SDP = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final ClassLoader containerMark;
    private final SipContainer container;
    private final int containerPort;
    private final Peer caller;
    private final Peer callee;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger callIds = new AtomicInteger();
    private final String name;
    private Semaphore inFlight;

    public CallCostScenario(String name) throws Exception {
        this.name = name;
        Path apps = Files.createTempDirectory("call-cost-" + name);
        callee = new Peer(name + "-callee");
        caller = new Peer(name + "-caller");
        containerPort = Sipp.freePort();
        Thread self = Thread.currentThread();
        ClassLoader previous = self.getContextClassLoader();
        containerMark = new URLClassLoader(new URL[0], CallCostScenario.class.getClassLoader());
        self.setContextClassLoader(containerMark);
        try {
            container = new SipContainer(new SipStackSettings("call-cost-" + name, List.of(
                    new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536));
            container.start();
            container.deploy(TestApplications.folder(apps, "b2bua", TestApplications.sipXml("b2bua",
                    ForwardingB2buaServlet.class, "b2bua.target", "sip:callee@127.0.0.1:" + callee.port)));
        } finally {
            self.setContextClassLoader(previous);
        }
    }

    /** Runs {@code calls} calls, at most {@code concurrent} at once; answers how many completed. */
    public int calls(int calls, int concurrent) throws Exception {
        inFlight = new Semaphore(concurrent);
        int before = completed.get();
        for (int i = 0; i < calls; i++) {
            if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
                failed.incrementAndGet();
                inFlight = new Semaphore(concurrent); // a lost call: start afresh rather than hang
                continue;
            }
            caller.invite();
        }
        inFlight.tryAcquire(concurrent, 30, TimeUnit.SECONDS);
        return completed.get() - before;
    }

    public int failed() {
        return failed.get();
    }

    /** Ids of live threads the container started (their context class loader is this scenario's mark). */
    public long[] containerThreads() {
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (ClassLoader l = t.getContextClassLoader(); l != null; l = l.getParent()) {
                if (l == containerMark) {
                    ids.add(t.getId());
                    break;
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
        container.close();
        caller.close();
        callee.close();
    }

    /** A plain JAIN-SIP user agent: as caller it calls and hangs up at once; as callee it rings and answers. */
    private final class Peer implements SipListener, AutoCloseable {
        final SipStack stack;
        final SipProvider provider;
        final MessageFactory messages;
        final HeaderFactory headers;
        final AddressFactory addresses;
        final int port;

        Peer(String stackName) throws Exception {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", stackName);
            p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
            p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
            p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
            // JAIN-SIP's default loggers need log4j; the project's SLF4J ones, as the container's stack
            p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "org.webims.sip.stack.Slf4jStackLogger");
            p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", "org.webims.sip.stack.Slf4jMessageLogger");
            stack = new PromptStopSipStack(p);
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
            port = Sipp.freePort();
            ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, "udp");
            provider = stack.createSipProvider(lp);
            provider.addSipListener(this);
            stack.start();
        }

        void invite() throws Exception {
            SipURI target = addresses.createSipURI("callee", "127.0.0.1:" + containerPort);
            Address from = addresses.createAddress(addresses.createSipURI("caller", "127.0.0.1:" + port));
            Request invite = messages.createRequest(target, Request.INVITE,
                    headers.createCallIdHeader(name + "-" + callIds.incrementAndGet() + "@127.0.0.1"),
                    headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader(from, Integer.toHexString(callIds.get())),
                    headers.createToHeader(addresses.createAddress(target), null),
                    List.<ViaHeader>of(headers.createViaHeader("127.0.0.1", port, "udp", null)),
                    headers.createMaxForwardsHeader(70),
                    headers.createContentTypeHeader("application", "sdp"), SDP);
            invite.addHeader(headers.createContactHeader(from));
            invite.addHeader(headers.createHeader("Subject", "Performance Test"));
            ClientTransaction ct = provider.getNewClientTransaction(invite);
            ct.sendRequest();
        }

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            try {
                switch (request.getMethod()) {
                    case Request.INVITE -> {
                        ServerTransaction st = provider.getNewServerTransaction(request);
                        Response ringing = messages.createResponse(Response.RINGING, request);
                        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag("callee" + port);
                        ringing.addHeader(contact());
                        st.sendResponse(ringing);
                        Response ok = messages.createResponse(Response.OK, request,
                                headers.createContentTypeHeader("application", "sdp"), SDP);
                        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("callee" + port);
                        ok.addHeader(contact());
                        st.sendResponse(ok);
                    }
                    case Request.BYE -> {
                        ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                                : provider.getNewServerTransaction(request);
                        st.sendResponse(messages.createResponse(Response.OK, request));
                    }
                    default -> { } // the ACK
                }
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
            if (response.getStatusCode() < 200) {
                return;
            }
            try {
                if (Request.INVITE.equals(method) && response.getStatusCode() == 200) {
                    Dialog dialog = event.getDialog();
                    if (event.getClientTransaction() == null) {
                        return; // a retransmitted 2xx, ACKed by the stack's dialog
                    }
                    dialog.sendAck(dialog.createAck(1L));
                    Request bye = dialog.createRequest(Request.BYE);
                    dialog.sendRequest(provider.getNewClientTransaction(bye));
                } else if (Request.BYE.equals(method)) {
                    completed.incrementAndGet();
                    inFlight.release();
                } else {
                    failed.incrementAndGet();
                    inFlight.release();
                }
            } catch (Exception e) {
                failed.incrementAndGet();
                inFlight.release();
            }
        }

        private javax.sip.header.Header contact() throws Exception {
            return headers.createContactHeader(addresses.createAddress(addresses.createSipURI("callee", "127.0.0.1:" + port)));
        }

        @Override public void processTimeout(TimeoutEvent e) {
            failed.incrementAndGet();
        }
        @Override public void processIOException(IOExceptionEvent e) { }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent e) { }

        @Override
        public void close() {
            stack.stop();
        }
    }
}
