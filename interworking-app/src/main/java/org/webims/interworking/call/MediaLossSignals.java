package org.webims.interworking.call;

import java.io.IOException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipServletResponse;

/**
 * The messages that end a call whose media is gone (its media node died), each carrying the cause
 * in a Reason header (RFC 3326 §2): BYE on both legs of an answered call; for a call still
 * ringing, CANCEL toward the callee and 503 to the caller.
 */
final class MediaLossSignals {
    private final String reason;

    MediaLossSignals(String text) {
        this.reason = "SIP;cause=503;text=\"" + text.replace('"', '\'') + "\"";
    }

    void byeBoth(SipSession webLeg, SipSession imsLeg) throws IOException {
        for (SipSession leg : new SipSession[] {webLeg, imsLeg}) {
            SipServletRequest bye = leg.createRequest("BYE");
            bye.setHeader("Reason", reason);
            bye.send();
        }
    }

    /** The Reason header value (RFC 3326 §2) these signals carry. */
    String reason() {
        return reason;
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
