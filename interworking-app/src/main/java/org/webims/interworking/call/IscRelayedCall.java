package org.webims.interworking.call;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TooManyHopsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request the S-CSCF sent over ISC for a user who is not one of our web users: the AS acts as
 * a routing B2BUA (TS 24.229 §5.7.5) and sends it on back through the S-CSCF, whose own Route
 * entry (with the original-dialog identifier, §5.4.3.2/§5.4.3.3) comes first and unchanged, so
 * the S-CSCF resumes the original dialog's filter criteria. Request-URI, identity, charging
 * vector and SDP go on unchanged (both legs are IMS: no media is anchored); responses, BYE and
 * CANCEL are relayed between the two legs.
 */
final class IscRelayedCall implements BridgedCall {
    private static final Logger LOG = LoggerFactory.getLogger(IscRelayedCall.class);

    enum State { CALLING, ANSWERED, ENDED }

    private final SipServletRequest incoming;
    private SipServletRequest outgoing;
    /** The outgoing session whose 2xx answered: the INVITE's own or a fork's derived one (JSR 289 §6.2.3.2). */
    private SipSession answered;
    private State state = State.CALLING;
    private final MidCallOffers offers = new MidCallOffers(null);

    private IscRelayedCall(SipServletRequest incoming) {
        this.incoming = incoming;
    }

    /**
     * Sends the INVITE on with {@code onwardRoutes} (the Route entries after ours, in order) as
     * its Route set; null when Max-Forwards ran out (answered 483, RFC 3261 §16.3 step 2).
     */
    static IscRelayedCall start(SipServletRequest invite, List<String> onwardRoutes) throws IOException {
        IscRelayedCall call = new IscRelayedCall(invite);
        B2buaHelper helper = invite.getB2buaHelper();
        SipServletRequest out;
        try {
            out = helper.createRequest(invite, true, Map.of("Route", onwardRoutes));
        } catch (TooManyHopsException e) {
            invite.createResponse(SipServletResponse.SC_TOO_MANY_HOPS).send();
            return null;
        }
        if (out.getContentLength() <= 0 && invite.getContentLength() > 0) {
            out.setContent(invite.getRawContent(), invite.getContentType());
        }
        call.outgoing = out;
        out.send();
        LOG.atDebug().addKeyValue("to", invite.getRequestURI()).addKeyValue("route", onwardRoutes.get(0))
                .log("ISC request sent back through the S-CSCF");
        return call;
    }

    /**
     * The outgoing INVITE's session or one derived from it by a forked answer: those share its
     * Call-ID, which the B2BUA chose anew (JSR 289 §12.2.1), so the incoming leg's never matches.
     */
    private boolean isOutgoingLeg(SipSession session) {
        return outgoing != null && session.getCallId().equals(outgoing.getCallId());
    }

    private SipSession outgoingLeg() {
        return answered != null ? answered : outgoing.getSession();
    }

    @Override
    public void response(SipServletResponse response) throws IOException {
        if (offers.response(response)) {
            return;
        }
        if (!isOutgoingLeg(response.getSession()) || !"INVITE".equals(response.getMethod())) {
            return;
        }
        int status = response.getStatus();
        if (state != State.CALLING) {
            if (status >= 200 && status < 300) {
                response.createAck().send(); // RFC 3261 §13.2.2.4: every 2xx is acknowledged
                if (state == State.ENDED || !response.getSession().equals(answered)) {
                    // answered as the caller went, or a second fork's answer: the call bridges one dialog
                    response.getSession().createRequest("BYE").send();
                }
            }
            return;
        }
        if (status == 100) {
            return;
        }
        if (ReliableProvisionals.wantsPrack(response)) {
            try {
                response.createPrack().send(); // RFC 3262 §4; relayed on unreliably
            } catch (javax.servlet.sip.Rel100Exception e) {
                LOG.atDebug().log("no PRACK for a reliable provisional response: {}", e.getMessage());
            }
        }
        SipServletResponse relay = incoming.createResponse(status, response.getReasonPhrase());
        if (response.getContentLength() > 0) {
            relay.setContent(response.getRawContent(), response.getContentType());
        }
        if (status >= 200 && status < 300) {
            response.createAck().send();
            state = State.ANSWERED;
            answered = response.getSession();
        } else if (status >= 300) {
            state = State.ENDED;
        }
        relay.send();
    }

    @Override
    public void midCallOffer(SipServletRequest request) throws IOException {
        if (state != State.ANSWERED) {
            request.createResponse(SipServletResponse.SC_REQUEST_PENDING).send(); // the call is not set up yet
            return;
        }
        boolean fromOutgoing = isOutgoingLeg(request.getSession());
        offers.offer(request, false, fromOutgoing ? incoming.getSession() : outgoingLeg());
    }

    @Override
    public void bye(SipServletRequest bye) throws IOException {
        bye.createResponse(SipServletResponse.SC_OK).send();
        if (state == State.ANSWERED) {
            SipSession other = isOutgoingLeg(bye.getSession()) ? incoming.getSession() : outgoingLeg();
            other.createRequest("BYE").send();
        }
        state = State.ENDED;
    }

    /**
     * Ends an answered call on both legs with {@code signals}' Reason. The relayed call anchors no
     * media, so the one cause that reaches it is a 2xx the caller never acknowledged, which comes
     * only once the call is answered.
     */
    @Override
    public boolean hangUp(HangUpSignals signals) throws IOException {
        State was = state;
        if (state == State.ANSWERED) {
            signals.byeBoth(incoming.getSession(), outgoingLeg());
        }
        state = State.ENDED;
        return was == State.ANSWERED;
    }

    @Override
    public void cancelled() throws IOException {
        if (state == State.CALLING && outgoing != null) {
            outgoing.createCancel().send();
        }
        state = State.ENDED;
    }
}
