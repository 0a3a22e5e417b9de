package org.webims.interworking.call;

import java.io.IOException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipServletResponse;

/**
 * The messages with which the application itself ends a call on both legs, each carrying the cause
 * in a Reason header (RFC 3326 §2): BYE on both legs of an answered call; for a call still ringing,
 * CANCEL toward the callee and 503 to the caller. One teardown for every such cause, so that each
 * {@link BridgedCall} ends its legs and releases its media in one place.
 */
final class HangUpSignals {
    private final String reason;
    private final String why;

    private HangUpSignals(String reason, String why) {
        this.reason = reason;
        this.why = why;
    }

    /** The call's media is gone (its media node died): 503, the service behind the call is unavailable. */
    static HangUpSignals mediaLost(String text) {
        return new HangUpSignals("SIP;cause=503;text=\"" + text.replace('"', '\'') + "\"", "media lost");
    }

    /**
     * Our 2xx to the caller got no ACK in 64*T1 (JSR 289 §6 {@code SipErrorListener.noAckReceived}).
     * RFC 3261 §13.3.1.4 has the UAS end that session with a BYE; the other leg ends with it. 408
     * (Request Timeout), as RFC 3261 §8.1.3.1 reports a timer that ran out and as the container's own
     * BYE for a missing ACK says, on both legs: the far peer is told the same as the caller.
     */
    static HangUpSignals noAck() {
        return new HangUpSignals("SIP;cause=408;text=\"No ACK for the 2xx\"", "no ACK for the 2xx");
    }

    void byeBoth(SipSession oneLeg, SipSession otherLeg) throws IOException {
        for (SipSession leg : new SipSession[] {oneLeg, otherLeg}) {
            SipServletRequest bye = leg.createRequest("BYE");
            bye.setHeader("Reason", reason);
            bye.send();
        }
    }

    /** The Reason header value (RFC 3326 §2) these signals carry. */
    String reason() {
        return reason;
    }

    /** Why the call ended, for the logs. */
    String why() {
        return why;
    }

    void cancel(SipServletRequest calleeInvite) throws IOException {
        SipServletRequest cancel = calleeInvite.createCancel();
        cancel.setHeader("Reason", reason);
        cancel.send();
    }

    void refuse(SipServletRequest callerInvite) throws IOException {
        SipServletResponse refused = callerInvite.createResponse(SipServletResponse.SC_SERVICE_UNAVAILABLE, "Media Lost");
        refused.setHeader("Reason", reason);
        refused.send();
    }
}
