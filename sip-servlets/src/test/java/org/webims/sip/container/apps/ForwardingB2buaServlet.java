package org.webims.sip.container.apps;

import java.io.IOException;
import javax.servlet.ServletException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;

/**
 * A test application: a B2BUA that forwards every call to the URI in context-param
 * {@code b2bua.target}, relaying responses, ACK, re-INVITE, BYE and CANCEL between the legs
 * with B2buaHelper, as a carrier's B2BUA application would. A further 2xx from another fork
 * of the callee leg goes to the caller in a further dialog of the caller leg. Declared as its
 * application's listener too ({@link TestApplications#withListener}), it is a
 * {@link SipErrorListener}: a caller-leg 2xx that never gets its ACK ends the callee leg.
 */
public class ForwardingB2buaServlet extends SipServlet implements SipErrorListener {
    private static final long serialVersionUID = 1L;
    /** One entry per noAckReceived call: the request's method, the response's status and To header. */
    public static final List<String> NO_ACKS = new CopyOnWriteArrayList<>();

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        B2buaHelper b2b = request.getB2buaHelper();
        if (request.isInitial()) {
            SipServletRequest out = b2b.createRequest(request, true, null);
            SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
            out.setRequestURI(factory.createURI(getServletContext().getInitParameter("b2bua.target")));
            out.send();
        } else {
            forwardInDialog(request);
        }
    }

    @Override
    protected void doAck(SipServletRequest ack) throws IOException {
        B2buaHelper b2b = ack.getB2buaHelper();
        ackPending(b2b, b2b.getLinkedSession(ack.getSession()), ack);
    }

    /** ACKs the 2xx to INVITE still pending in {@code leg} (JSR 289 §12.3), with {@code callerAck}'s body if there is one. */
    private static void ackPending(B2buaHelper b2b, SipSession leg, SipServletRequest callerAck) throws IOException {
        for (SipServletMessage pending : b2b.getPendingMessages(leg, UAMode.UAC)) {
            if (pending instanceof SipServletResponse response && response.getStatus() >= 200
                    && response.getStatus() < 300 && "INVITE".equals(response.getMethod())) {
                SipServletRequest outAck = response.createAck();
                if (callerAck != null) {
                    copyContent(callerAck, outAck);
                }
                outAck.send();
            }
        }
    }

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        forwardInDialog(request);
    }

    @Override
    protected void doUpdate(SipServletRequest request) throws IOException {
        forwardInDialog(request);
    }

    @Override
    protected void doInfo(SipServletRequest request) throws IOException {
        forwardInDialog(request);
    }

    @Override
    protected void doCancel(SipServletRequest cancel) throws IOException {
        B2buaHelper b2b = cancel.getB2buaHelper();
        SipSession other = b2b.getLinkedSession(cancel.getSession());
        if (other != null && other.isValid()) {
            try {
                b2b.createCancel(other).send();
            } catch (IllegalStateException alreadyAnswered) {
                // the callee answered first; its 2xx is relayed and the caller will hang up
            }
        }
    }

    /**
     * JSR 289 §6: the caller never acknowledged the 2xx in the response's session (the original or
     * a derived one), and the container will end that dialog. The callee leg linked to it must not
     * stay. Its 2xx this B2BUA never ACKed either (it relays the caller's ACK), so RFC 3261
     * §13.2.2.4: ACK it, then BYE. Usually the container has done both already (the callee's 2xx came
     * first, and at 64*T1 + 8 s after it the container ACKs and hangs up a 2xx nobody ACKed: decision
     * 0059), and only the session is left to end.
     */
    @Override
    public void noAckReceived(SipErrorEvent event) {
        NO_ACKS.add(event.getRequest().getMethod() + " " + event.getResponse().getStatus() + " "
                + event.getResponse().getHeader("To"));
        SipSession other = event.getRequest().getB2buaHelper().getLinkedSession(event.getResponse().getSession());
        if (other == null || !other.isValid()) {
            return;
        }
        try {
            if (other.getState() == SipSession.State.TERMINATED) {
                other.invalidate();
            } else {
                ackPending(event.getRequest().getB2buaHelper(), other, null);
                other.createRequest("BYE").send();
            }
        } catch (IOException | IllegalStateException e) {
            log("could not end the callee leg after a missing ACK", e);
        }
    }

    /** Not called: this B2BUA relays provisional responses unreliably, so it awaits no PRACK of its own. */
    @Override
    public void noPrackReceived(SipErrorEvent event) {
    }

    private void forwardInDialog(SipServletRequest request) throws IOException {
        B2buaHelper b2b = request.getB2buaHelper();
        SipSession other = b2b.getLinkedSession(request.getSession());
        if (other == null || !other.isValid()) {
            request.createResponse(481, "Linked Leg Gone").send();
            return;
        }
        SipServletRequest out = b2b.createRequest(other, request, null);
        out.send();
    }

    @Override
    protected void doResponse(SipServletResponse response) throws ServletException, IOException {
        if ("CANCEL".equals(response.getMethod())) {
            return;
        }
        B2buaHelper b2b = response.getRequest().getB2buaHelper();
        SipServletRequest original = b2b.getLinkedSipServletRequest(response.getRequest());
        if (original != null && original.isCommitted() && isAnswerToInvite(response)) {
            relayFurtherAnswer(b2b, response); // another fork answered (JSR 289 §6.2.3.2)
            return;
        }
        if (original == null || original.isCommitted()) {
            return; // e.g. the 487 after a CANCEL: the caller already has its final response
        }
        if (response.getStatus() == 100) {
            return;
        }
        SipServletResponse relay = original.createResponse(response.getStatus(), response.getReasonPhrase());
        copyContent(response, relay);
        relay.send();
    }

    private static boolean isAnswerToInvite(SipServletResponse response) {
        return response.getStatus() >= 200 && response.getStatus() < 300 && "INVITE".equals(response.getMethod());
    }

    /**
     * JSR 289 §12: a forked 2xx goes to the caller as a 2xx of its own, in a dialog of its own.
     * Context-param {@code b2bua.furtherAnswerOn} says which session the servlet names:
     * {@code linked} (default) the caller-leg session {@code getLinkedSession} gives for the fork's
     * session, {@code callee-leg} the fork's session itself, {@code original} the caller leg's
     * original session (after checking that a 486 there is refused), then linking the new
     * session to the fork's by hand.
     */
    private void relayFurtherAnswer(B2buaHelper b2b, SipServletResponse response) throws IOException {
        String on = getServletContext().getInitParameter("b2bua.furtherAnswerOn");
        SipServletResponse relay;
        if ("original".equals(on)) {
            SipSession original = b2b.getLinkedSipServletRequest(response.getRequest()).getSession();
            try {
                b2b.createResponseToOriginalRequest(original, 486, null);
                return; // wrong: a failure after a 2xx; the caller then never sees the second dialog
            } catch (IllegalStateException expected) {
                // JSR 289 §12: only further 2xx answer a request that has its 2xx
            }
            relay = b2b.createResponseToOriginalRequest(original, response.getStatus(), response.getReasonPhrase());
            b2b.linkSipSessions(relay.getSession(), response.getSession());
        } else {
            SipSession callerLeg = b2b.getLinkedSession(response.getSession());
            if (callerLeg == null || callerLeg.getState() != SipSession.State.INITIAL) {
                return; // not a further dialog, or already relayed
            }
            relay = b2b.createResponseToOriginalRequest("callee-leg".equals(on) ? response.getSession() : callerLeg,
                    response.getStatus(), response.getReasonPhrase());
        }
        copyContent(response, relay);
        relay.send();
    }

    private static void copyContent(SipServletMessage from, SipServletMessage to) throws IOException {
        byte[] content = from.getRawContent();
        if (content != null && content.length > 0) {
            to.setContent(content, from.getContentType());
        }
    }
}
