package org.webims.sip.container.proxy;

import java.text.ParseException;
import java.util.Iterator;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;

/**
 * Sends responses upstream for a proxy (RFC 3261 §16.7 steps 8-9): our Via removed, on the
 * server transaction while it lasts; a 2xx it can no longer carry goes statelessly.
 */
final class ResponseForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseForwarder.class);

    private final ContainerContext context;

    ResponseForwarder(ContainerContext context) {
        this.context = context;
    }

    /** Forwards {@code received} (still carrying our Via on top) on {@code upstream}. */
    void forward(ServerTransaction upstream, Response received) {
        Response out = (Response) received.clone();
        out.removeFirst(ViaHeader.NAME); // §16.7 step 3
        if (out.getHeader(ViaHeader.NAME) == null) {
            LOG.atDebug().addKeyValue("status", out.getStatusCode()).log("response has no Via left to forward on");
            return;
        }
        if (out.getStatusCode() == Response.SERVICE_UNAVAILABLE) {
            toServerError(out); // §16.7 step 6: 503 is about this hop, not the UAC's
        }
        send(upstream, out);
    }

    /** Sends a response the proxy generated itself, e.g. 487 or 408 to a request it never forwarded. */
    void respond(ServerTransaction upstream, int status, String toTag) {
        send(upstream, create(upstream.getRequest(), status, toTag));
    }

    /** A response the proxy itself makes for {@code request}, with a To tag (RFC 3261 §8.2.6.2). */
    Response create(Request request, int status, String toTag) {
        try {
            Response response = context.messages().createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null && status > 100) {
                to.setTag(toTag);
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot create " + status + " for " + request.getMethod(), e);
        }
    }

    private void send(ServerTransaction upstream, Response out) {
        try {
            upstream.sendResponse(out);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            if (isInvite2xx(out)) {
                sendStatelessly(out); // a second 2xx after the transaction ended: §16.7 step 10 forwards it anyway
            } else {
                LOG.atDebug().addKeyValue("status", out.getStatusCode()).setCause(e).log("could not forward response");
            }
        }
    }

    /**
     * A 2xx to INVITE with no client transaction (a retransmission after the transaction ended)
     * whose top Via is ours and has one below: forwarded statelessly (RFC 3261 §16.7, §13.3.1.4).
     * Returns whether it was ours to forward.
     */
    boolean forwardStray(Response received) {
        if (!isInvite2xx(received)) {
            return false;
        }
        Iterator<?> vias = received.getHeaders(ViaHeader.NAME);
        if (!vias.hasNext()) {
            return false;
        }
        ViaHeader top = (ViaHeader) vias.next();
        int port = top.getPort() > 0 ? top.getPort() : 5060;
        if (!vias.hasNext() || !context.isOwnAddress(top.getHost(), port)) {
            return false;
        }
        Response out = (Response) received.clone();
        out.removeFirst(ViaHeader.NAME);
        sendStatelessly(out);
        return true;
    }

    private void sendStatelessly(Response out) {
        try {
            context.provider().sendResponse(out);
        } catch (SipException e) {
            LOG.atDebug().addKeyValue("status", out.getStatusCode()).setCause(e).log("could not forward 2xx statelessly");
        }
    }

    private static boolean isInvite2xx(Response response) {
        int status = response.getStatusCode();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        return status >= 200 && status < 300 && cseq != null && Request.INVITE.equals(cseq.getMethod());
    }

    private static void toServerError(Response response) {
        try {
            response.setStatusCode(Response.SERVER_INTERNAL_ERROR);
            response.setReasonPhrase("Server Internal Error");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
