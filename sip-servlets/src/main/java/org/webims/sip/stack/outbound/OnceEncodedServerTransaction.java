package org.webims.sip.stack.outbound;

import gov.nist.core.net.AddressResolver;
import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import javax.sip.address.Hop;

/**
 * JAIN-SIP's server transaction, keeping the bytes a UDP response was sent as for its
 * retransmissions. JAIN-SIP sends a response (our channel encodes it) and then encodes it a second
 * time to keep a copy; here the copy is the array that was sent, the same bytes by construction
 * ({@link MessageEncoder} writes JAIN-SIP's encoding). What is resent from it is unchanged: the last
 * response to a retransmitted request (RFC 3261 §17.2.1, §17.2.2), Timer G's non-2xx retransmissions,
 * and the dialog's 2xx retransmissions until the ACK (§13.3.1.4). Responses on stream transports, and
 * any send our channel leaves to JAIN-SIP, take JAIN-SIP's path.
 *
 * <p>Once final, a non-INVITE transaction lingers for Timer J (RFC 3261 §17.2.2: 32 s on UDP),
 * needing only the request's branch and sent-by to match retransmissions, and the bytes to answer
 * them. JAIN-SIP's {@code Aggressive} release lets go of the parsed request and of the dialog then,
 * so that what lingers is a few strings, not the call's messages and dialog carried through every
 * young collection (decision 0034). An INVITE transaction is released too (decision 0037): it
 * keeps its request for the 8 s it lingers after a 2xx (JAIN-SIP matches and absorbs retransmitted
 * INVITEs with it: RFC 6026's Accepted state) but lets go of the dialog and the listener's references.
 *
 * <p>Open for one subclass: the transaction from which a B2BUA's derived dialog sends and
 * retransmits its own 2xx (decision 0056).
 */
public class OnceEncodedServerTransaction extends SIPServerTransactionImpl {
    private static final VarHandle LAST_BYTES;
    private static final VarHandle LAST_HOST;
    private static final VarHandle LAST_PORT;
    private static final VarHandle LAST_TRANSPORT;

    static {
        try {
            MethodHandles.Lookup fields = MethodHandles.privateLookupIn(SIPServerTransactionImpl.class, MethodHandles.lookup());
            LAST_BYTES = fields.findVarHandle(SIPServerTransactionImpl.class, "lastResponseAsBytes", byte[].class);
            LAST_HOST = fields.findVarHandle(SIPServerTransactionImpl.class, "lastResponseHost", String.class);
            LAST_PORT = fields.findVarHandle(SIPServerTransactionImpl.class, "lastResponsePort", int.class);
            LAST_TRANSPORT = fields.findVarHandle(SIPServerTransactionImpl.class, "lastResponseTransport", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // a JAIN-SIP other than the one we build against
        }
    }

    public OnceEncodedServerTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    @Override
    public void setOriginalRequest(SIPRequest request) {
        super.setOriginalRequest(request);
        setReleaseReferencesStrategy(ReleaseReferencesStrategy.Aggressive);
    }

    /**
     * Once released, the transaction matches by branch and sent-by alone (RFC 3261 §17.2.3), as
     * JAIN-SIP does; a request without the magic cookie (RFC 2543, §17.2.3's fallback) would be
     * compared field by field with a request no longer kept (JAIN-SIP then fails on it), so it is
     * not this transaction's.
     */
    @Override
    public boolean isMessagePartOfTransaction(SIPMessage message) {
        if (getOriginalRequest() == null && !hasMagicCookie(message.getTopmostVia())) {
            return false;
        }
        return super.isMessagePartOfTransaction(message);
    }

    private static boolean hasMagicCookie(Via via) {
        String branch = via == null ? null : via.getBranch();
        return branch != null && branch.regionMatches(true, 0, SIPConstants.BRANCH_MAGIC_COOKIE, 0,
                SIPConstants.BRANCH_MAGIC_COOKIE.length());
    }

    @Override
    protected void sendResponse(SIPResponse response) throws IOException {
        armAckWatchFirst(response);
        if (isReliable()) {
            super.sendResponse(response); // the request's connection (RFC 3261 §18.2.2), JAIN-SIP's way
            return;
        }
        try {
            Via via = response.getTopmostVia();
            String transport = via.getTransport();
            if (transport == null) {
                throw new IOException("missing transport!"); // as JAIN-SIP words it
            }
            String host = responseHost(via);
            int port = responsePort(via, transport);
            AddressResolver resolver = sipStack.getAddressResolver();
            Hop hop = resolver.resolveAddress(new HopImpl(host, port, transport));
            String source = getSipProvider().getListeningPoint(hop.getTransport()).getIPAddress();
            MessageChannel channel = sipStack.createRawMessageChannel(source, getPort(), hop);
            if (channel == null) {
                throw new IOException("Could not create a message channel for " + hop + " with source IP:Port "
                        + source + ":" + getPort());
            }
            byte[] sent = channel instanceof EncodingUdpChannel udp && udp.getTransport().equalsIgnoreCase(getTransport())
                    ? udp.send(response) : null;
            if (sent == null) {
                channel.sendMessage(response);
                sent = response.encodeAsBytes(getTransport()); // JAIN-SIP encoded what it sent: its copy, its way
            }
            LAST_HOST.set(this, host);
            LAST_PORT.set(this, port);
            LAST_TRANSPORT.set(this, transport);
            LAST_BYTES.set(this, sent);
            lastResponse = null; // JAIN-SIP resends from the bytes once the response is let go
        } finally {
            startTransactionTimer();
        }
    }

    /**
     * RFC 3261 §13.3.1.4: a 2xx to an INVITE is retransmitted until its ACK. JAIN-SIP starts the
     * dialog's retransmission timer only after the 2xx is on the wire, and an ACK processed before
     * that finds no timer to stop and is not recorded: the dialog then retransmits the 2xx for
     * 64*T1 and, with a listener that is not a SipListenerExt (ours), deletes itself, ending an
     * acknowledged call. Started first, the timer is
     * there for the fastest ACK; JAIN-SIP's own start afterwards finds it running (or, once the
     * ACK stopped it, starts one that stops itself at its first tick, the ACK recorded).
     */
    private void armAckWatchFirst(SIPResponse response) {
        if (isInviteTransaction() && response.getStatusCode() / 100 == 2 && getDialog() instanceof SIPDialog dialog) {
            dialog.startRetransmitTimer(this, response);
        }
    }

    /** RFC 3261 §18.2.2: maddr, else received, else the sent-by host. */
    private static String responseHost(Via via) {
        if (via.getMAddr() != null) {
            return via.getMAddr();
        }
        String received = via.getParameter(Via.RECEIVED);
        return received != null ? received : via.getHost();
    }

    /** RFC 3581 §4: rport, else the sent-by port, else the transport's default (RFC 3261 §18.2.2). */
    private static int responsePort(Via via, String transport) {
        int port = via.getRPort();
        if (port == -1) {
            port = via.getPort();
        }
        if (port == -1) {
            port = "TLS".equalsIgnoreCase(transport) ? 5061 : 5060;
        }
        return port;
    }
}
