package org.webims.sip.container.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ReasonHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.transaction.Transmitter;
import org.webims.sip.stack.outbound.Identifiers;

/**
 * Builds and sends what a proxy forwards downstream: branch requests and relayed in-dialog
 * requests in client transactions, their CANCELs, and ACKs for 2xx statelessly (RFC 3261 §16.6,
 * §16.10, §16.11).
 */
final class RequestForwarder {
    /** RFC 3261 §16.6 step 3. */
    private static final int DEFAULT_MAX_FORWARDS = 70;

    private final ContainerContext context;

    RequestForwarder(ContainerContext context) {
        this.context = context;
    }

    /**
     * RFC 3261 §16.6 steps 1-3: a copy of {@code original} for {@code target}, without our own top
     * Route (§16.4), Max-Forwards decremented. The caller has checked Max-Forwards is not 0.
     */
    Request copyFor(Request original, URI target) {
        Request copy = (Request) original.clone();
        copy.setRequestURI((URI) target.clone());
        RouteHeader top = (RouteHeader) copy.getHeader(RouteHeader.NAME);
        if (top != null && top.getAddress().getURI() instanceof SipURI uri && ProxyRoute.isOwn(uri, context)) {
            copy.removeFirst(RouteHeader.NAME);
        }
        decrementMaxForwards(copy);
        return copy;
    }

    /** Max-Forwards, or -1 when the request has none. */
    static int maxForwards(Request request) {
        MaxForwardsHeader h = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        return h == null ? -1 : h.getMaxForwards();
    }

    /** RFC 3261 §16.6 step 3: one less, or 70 where the request had none. */
    void decrementMaxForwards(Request request) {
        int current = maxForwards(request);
        try {
            request.setHeader(context.headers().createMaxForwardsHeader(current < 0 ? DEFAULT_MAX_FORWARDS : current - 1));
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("Max-Forwards " + current + " cannot be decremented", e);
        }
    }

    /**
     * RFC 3261 §16.6 steps 4 and 8, RFC 3327 §5.1: our Record-Routes ({@code recordRoutes}, top
     * first: two when double record-routing, RFC 5658 §4) and Path if given, our Via naming
     * {@code lp} on top, then a new client transaction whose application data is {@code leg} sends it.
     */
    ClientTransaction send(Request request, ProxyLeg leg, ListeningPoint lp, List<SipURI> recordRoutes, SipURI path)
            throws SipException {
        try {
            for (int i = recordRoutes.size() - 1; i >= 0; i--) {
                request.addFirst(context.headers().createRecordRouteHeader(
                        context.addresses().createAddress((URI) recordRoutes.get(i).clone())));
            }
            if (path != null) {
                request.addFirst(context.headers().createHeader("Path", "<" + path + ">"));
            }
            request.addFirst(context.headers().createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(), null));
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException("cannot add Via, Record-Route or Path: " + e.getMessage(), e);
        }
        ClientTransaction ct = context.provider().getNewClientTransaction(request);
        ct.setApplicationData(leg);
        ct.sendRequest();
        return ct;
    }

    /**
     * RFC 3261 §9.1, §16.10: a CANCEL for a forwarded INVITE in its own client transaction, with
     * Reason headers (RFC 3326). No application data: its 200 concerns no one.
     */
    void cancel(ClientTransaction invite, List<ReasonHeader> reasons) throws SipException {
        Request cancel = invite.createCancel();
        for (ReasonHeader reason : reasons) {
            cancel.addHeader(reason);
        }
        context.provider().getNewClientTransaction(cancel).sendRequest();
    }

    /**
     * The Reason headers for Proxy.cancel(protocol, reasonCode, reasonText) (RFC 3326): one per
     * index; the arrays must be of one length.
     */
    List<ReasonHeader> reasons(String[] protocol, int[] reasonCode, String[] reasonText) {
        if (protocol == null && reasonCode == null && reasonText == null) {
            return List.of();
        }
        if (protocol == null || reasonCode == null || reasonText == null
                || protocol.length != reasonCode.length || protocol.length != reasonText.length) {
            throw new IllegalArgumentException("protocol, reasonCode and reasonText must be arrays of one length");
        }
        List<ReasonHeader> list = new ArrayList<>(protocol.length);
        for (int i = 0; i < protocol.length; i++) {
            list.add(reason(protocol[i], reasonCode[i], reasonText[i]));
        }
        return list;
    }

    /** One Reason header (RFC 3326 §2). */
    ReasonHeader reason(String protocol, int cause, String text) {
        try {
            return context.headers().createReasonHeader(protocol, cause, text);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("bad Reason " + protocol + ";cause=" + cause + ": " + e.getMessage(), e);
        }
    }

    /**
     * An ACK for a 2xx is a transaction of its own that a proxy forwards without state: our Via
     * (new branch) on top, Max-Forwards decremented (RFC 3261 §16.6, §13.2.2.4).
     */
    void forwardStatelessly(Request ack) throws SipException {
        decrementMaxForwards(ack);
        ListeningPoint lp = context.listeningPoint(Transmitter.transportFor(ack));
        try {
            ViaHeader via = context.headers().createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(),
                    Identifiers.branch());
            ack.addFirst(via);
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException("cannot add Via: " + e.getMessage(), e);
        }
        context.provider().sendRequest(ack);
    }
}
