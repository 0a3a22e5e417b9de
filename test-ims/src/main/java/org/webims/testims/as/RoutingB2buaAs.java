package org.webims.testims.as;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.CopyOnWriteArrayList;
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
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.stack.PromptStopSipStack;
import org.webims.testims.agent.SipMessageFactories;
import org.webims.testims.net.FreePorts;
import org.webims.testims.sip.TestStackProperties;

/**
 * A test AS on ISC acting as a routing B2BUA (TS 24.229 §5.7.5): an INVITE from the S-CSCF
 * arrives with {@code Route: <this AS;lr>, <S-CSCF;lr;odi=...>}; the AS starts a second dialog
 * with the same Request-URI, identities, charging vector and SDP, routed on the remaining Route
 * (the S-CSCF with its ODI), and relays responses and BYE between the two dialogs. It answers a
 * third-party REGISTER with 200. Everything it receives is recorded.
 */
public final class RoutingB2buaAs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingB2buaAs.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String HOST = "127.0.0.1";
    /** Headers the outgoing leg keeps from the incoming one (TS 24.229 §5.7.5.1). */
    private static final List<String> CARRIED = List.of("P-Asserted-Identity", "P-Charging-Vector", "Privacy",
            "P-Served-User", "Supported");

    private final SipMessageFactories f = new SipMessageFactories();
    private final SipStack stack;
    private final SipProvider provider;
    private final int port;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<Request> sent = new CopyOnWriteArrayList<>();

    /** A pair of dialogs and the transaction of the incoming INVITE. */
    private static final class Legs {
        final ServerTransaction incoming;
        final String incomingTag = tag();
        volatile Dialog a;
        volatile Dialog b;

        Legs(ServerTransaction incoming) {
            this.incoming = incoming;
        }
    }

    public RoutingB2buaAs() throws Exception {
        port = FreePorts.tcpAndUdp();
        // dialogs made by hand: with automatic dialogs the stack strips our Route before we see it
        stack = new PromptStopSipStack(TestStackProperties.blocking("test-as", false));
        try {
            provider = stack.createSipProvider(stack.createListeningPoint(HOST, port, ListeningPoint.UDP));
            provider.addSipListener(new Listener());
            stack.start();
        } catch (Exception e) {
            stack.stop();
            throw e;
        }
    }

    /** {@code sip:127.0.0.1:port}, the AS URI for an iFC. */
    public String uri() {
        return "sip:" + HOST + ":" + port;
    }

    /** Every request received, in order. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    public List<Request> received(String method) {
        return received.stream().filter(r -> r.getMethod().equals(method)).toList();
    }

    /** The initial INVITEs sent back toward the S-CSCF. */
    public List<Request> sentInvites() {
        return List.copyOf(sent);
    }

    @Override
    public void close() {
        // stop closes the listening points; deleting the provider first would stop the stack twice
        stack.stop();
    }

    private static String tag() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private final class Listener implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            received.add((Request) request.clone());
            try {
                if (Request.ACK.equals(request.getMethod())) {
                    return; // the B leg was acknowledged when its 2xx came
                }
                ServerTransaction st = event.getServerTransaction();
                if (st == null) {
                    try {
                        st = provider.getNewServerTransaction(request);
                    } catch (TransactionAlreadyExistsException retransmission) {
                        return;
                    }
                }
                Dialog dialog = event.getDialog();
                if (Request.INVITE.equals(request.getMethod()) && dialog == null) {
                    invite(st, request);
                } else if (Request.BYE.equals(request.getMethod()) && dialog != null
                        && dialog.getApplicationData() instanceof Legs legs) {
                    st.sendResponse(f.messages().createResponse(Response.OK, request));
                    Dialog other = dialog == legs.a ? legs.b : legs.a;
                    if (other != null) {
                        other.sendRequest(provider.getNewClientTransaction(other.createRequest(Request.BYE)));
                    }
                } else {
                    st.sendResponse(f.messages().createResponse(Response.OK, request)); // REGISTER and the rest
                }
            } catch (Exception e) {
                LOG.atDebug().addKeyValue("method", request.getMethod()).setCause(e).log("AS cannot handle request");
            }
        }

        private void invite(ServerTransaction st, Request in) throws Exception {
            Legs legs = new Legs(st);
            legs.a = provider.getNewDialog(st);
            legs.a.setApplicationData(legs);
            st.sendResponse(f.messages().createResponse(Response.TRYING, in));
            var h = f.headers();
            var a = f.addresses();
            FromHeader from = (FromHeader) in.getHeader(FromHeader.NAME);
            ToHeader to = (ToHeader) in.getHeader(ToHeader.NAME);
            List<RouteHeader> routes = new ArrayList<>();
            ListIterator<?> it = in.getHeaders(RouteHeader.NAME);
            while (it.hasNext()) {
                routes.add((RouteHeader) it.next());
            }
            if (!routes.isEmpty()) {
                routes.remove(0); // ours (TS 24.229 §5.7.5.1: the rest leads back to the S-CSCF with the ODI)
            }
            Request out = f.messages().createRequest(in.getRequestURI(), Request.INVITE,
                    h.createCallIdHeader("as-" + SEQUENCE.incrementAndGet() + "-" + tag() + "@" + HOST),
                    h.createCSeqHeader(1L, Request.INVITE), h.createFromHeader(from.getAddress(), tag()),
                    h.createToHeader(to.getAddress(), null),
                    new ArrayList<>(List.of(h.createViaHeader(HOST, port, "udp", null))), h.createMaxForwardsHeader(70));
            for (RouteHeader r : routes) {
                out.addLast((Header) r.clone());
            }
            for (String name : CARRIED) {
                ListIterator<?> values = in.getHeaders(name);
                while (values.hasNext()) {
                    out.addHeader((Header) ((Header) values.next()).clone());
                }
            }
            SipURI contact = a.createSipURI("as", HOST + ":" + port);
            out.addHeader(h.createContactHeader(a.createAddress(contact)));
            if (in.getRawContent() != null) {
                out.setContent(in.getRawContent(), h.createContentTypeHeader("application", "sdp"));
            }
            ClientTransaction ct = provider.getNewClientTransaction(out);
            legs.b = provider.getNewDialog(ct);
            legs.b.setApplicationData(legs);
            ct.setApplicationData(legs);
            sent.add((Request) out.clone());
            ct.sendRequest();
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            ClientTransaction ct = event.getClientTransaction();
            if (ct == null || !(ct.getApplicationData() instanceof Legs legs)
                    || !Request.INVITE.equals(ct.getRequest().getMethod())) {
                return;
            }
            int status = response.getStatusCode();
            try {
                if (status == Response.TRYING) {
                    return;
                }
                if (status / 100 == 2) {
                    long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                    Dialog b = event.getDialog() != null ? event.getDialog() : legs.b;
                    b.sendAck(b.createAck(cseq));
                }
                Response relayed = f.messages().createResponse(status, legs.incoming.getRequest());
                ((ToHeader) relayed.getHeader(ToHeader.NAME)).setTag(legs.incomingTag);
                relayed.addHeader(f.headers().createContactHeader(f.addresses().createAddress(
                        f.addresses().createSipURI("as", HOST + ":" + port))));
                if (response.getRawContent() != null) {
                    relayed.setContent(response.getRawContent(), f.headers().createContentTypeHeader("application", "sdp"));
                }
                legs.incoming.sendResponse(relayed);
            } catch (Exception e) {
                LOG.atDebug().addKeyValue("status", status).setCause(e).log("AS cannot relay response");
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            ClientTransaction ct = event.getClientTransaction();
            if (ct != null && ct.getApplicationData() instanceof Legs legs) {
                try {
                    legs.incoming.sendResponse(f.messages().createResponse(Response.REQUEST_TIMEOUT,
                            legs.incoming.getRequest()));
                } catch (Exception e) {
                    LOG.atDebug().setCause(e).log("AS cannot answer a timed-out leg");
                }
            }
        }

        @Override public void processIOException(IOExceptionEvent event) { }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
    }
}
