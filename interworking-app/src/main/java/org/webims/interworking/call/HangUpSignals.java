package org.webims.interworking.call;

import java.io.IOException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipServletResponse;

/**
 * The messages with which the application itself ends a call on both legs, each carrying the cause
 * in a Reason header (RFC 3326 §2): BYE on both legs of an answered call; for a call still ringing,
 * CANCEL toward the callee and a final response refusing the caller's INVITE (503 for lost media,
 * 500 for a missing PRACK). One teardown for every such cause, so that each {@link BridgedCall} ends
 * its legs and releases its media in one place.
 */
final class HangUpSignals {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HangUpSignals.class);
    private final String reason;
    private final String why;
    private final int refusal;
    private final String refusalPhrase;
    /** The first leg's peer cannot be reached any more (its WebSocket closed): no BYE to it, its session just ends. */
    private final boolean firstLegGone;

    private HangUpSignals(String reason, String why, int refusal, String refusalPhrase) {
        this(reason, why, refusal, refusalPhrase, false);
    }

    private HangUpSignals(String reason, String why, int refusal, String refusalPhrase, boolean firstLegGone) {
        this.reason = reason;
        this.why = why;
        this.refusal = refusal;
        this.refusalPhrase = refusalPhrase;
        this.firstLegGone = firstLegGone;
    }

    /** The call's media is gone (its media node died): 503, the service behind the call is unavailable. */
    static HangUpSignals mediaLost(String text) {
        return new HangUpSignals("SIP;cause=503;text=\"" + text.replace('"', '\'') + "\"", "media lost",
                SipServletResponse.SC_SERVICE_UNAVAILABLE, "Media Lost");
    }

    /**
     * The browser ended its peer connection (decision 0091: its DTLS close_notify or RTCP BYEs): the
     * web user hung up without a BYE of its own, so the IMS side hears a normal clearing, Q.850 cause
     * 16 (RFC 3326 §2 allows Q.850 causes; TS 24.229 passes them on). A call still ringing refuses the
     * caller with 487, as a caller who gave up is answered.
     */
    static HangUpSignals browserLeft(String how) {
        return new HangUpSignals("Q.850;cause=16;text=\"" + how.replace('"', '\'') + "\"", "the browser left: " + how,
                SipServletResponse.SC_REQUEST_TERMINATED, "Browser Left");
    }

    /**
     * The web user's WebSocket closed with the call up (decision 0091): RFC 7118 gives a WebSocket
     * client no flow recovery (no inbound connection to it can be opened), so the web leg is gone.
     * Q.850 cause 41, temporary failure: a closed tab and a lost network look the same from here.
     */
    static HangUpSignals webSocketClosed() {
        return new HangUpSignals("Q.850;cause=41;text=\"The web user's WebSocket connection closed\"",
                "the web user's WebSocket closed", SipServletResponse.SC_REQUEST_TERMINATED, "WebSocket Closed", true);
    }

    /**
     * The browser's ICE consent expired with the call up (RFC 7675 §5.1, decision 0093): its network
     * went (Wi-Fi gone, lid shut) while its WebSocket may stay half-open for minutes. Q.850 cause 41,
     * temporary failure, as for a closed WebSocket (decision 0091): a lost peer, not a hang-up. The web
     * leg gets its BYE too: its signalling may still reach it where only its media path died.
     */
    static HangUpSignals consentExpired(String text) {
        return new HangUpSignals("Q.850;cause=41;text=\"" + text.replace('"', '\'') + "\"",
                "the browser's ICE consent expired", SipServletResponse.SC_REQUEST_TERMINATED, "Consent Expired");
    }

    /**
     * Our 2xx to the caller got no ACK in 64*T1 (JSR 289 §6 {@code SipErrorListener.noAckReceived}).
     * RFC 3261 §13.3.1.4 has the UAS end that session with a BYE; the other leg ends with it. 408
     * (Request Timeout), as RFC 3261 §8.1.3.1 reports a timer that ran out and as the container's own
     * BYE for a missing ACK says, on both legs: the far peer is told the same as the caller.
     */
    static HangUpSignals noAck() {
        // a 2xx went, so the call is answered and never refused: the refusal below is never sent
        return new HangUpSignals("SIP;cause=408;text=\"No ACK for the 2xx\"", "no ACK for the 2xx",
                SipServletResponse.SC_REQUEST_TIMEOUT, "No ACK for the 2xx");
    }

    /**
     * A reliable provisional response of ours got no PRACK in 64*T1 (JSR 289 §6
     * {@code SipErrorListener.noPrackReceived}); RFC 3262 §3 has the UAS reject the INVITE with a
     * 5xx, and the callee's INVITE is cancelled with it. 500 with the phrase the container uses when
     * it refuses such an INVITE itself (decision 0060), and the same cause in the CANCEL's Reason.
     */
    static HangUpSignals noPrack() {
        return new HangUpSignals("SIP;cause=500;text=\"No PRACK for the reliable provisional response\"",
                "no PRACK for a reliable provisional response", SipServletResponse.SC_SERVER_INTERNAL_ERROR,
                "Reliable Provisional Response Not Acknowledged");
    }

    /**
     * A BYE on each leg, the web leg first where there is one; one that cannot be sent keeps neither
     * the other leg from its BYE nor the call from ending: it is logged and skipped. A web leg whose
     * WebSocket closed gets none (RFC 7118 §5: nothing can reach it, and a BYE would only wait 64*T1
     * for its timeout): its session is invalidated (decision 0091).
     */
    void byeBoth(SipSession oneLeg, SipSession otherLeg) {
        for (SipSession leg : new SipSession[] {oneLeg, otherLeg}) {
            if (leg == oneLeg && firstLegGone) {
                if (leg.isValid()) {
                    leg.invalidate();
                }
                continue;
            }
            try {
                SipServletRequest bye = leg.createRequest("BYE");
                bye.setHeader("Reason", reason);
                bye.send();
            } catch (IOException | IllegalStateException e) {
                LOG.atDebug().addKeyValue("reason", reason).addKeyValue("error", e.getMessage()).log("a leg's BYE could not be sent");
            }
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

    /** A refusal the caller cannot be sent (its WebSocket is gone, decision 0091) is logged; the call ends all the same. */
    void refuse(SipServletRequest callerInvite) {
        try {
            SipServletResponse refused = callerInvite.createResponse(refusal, refusalPhrase);
            refused.setHeader("Reason", reason);
            refused.send();
        } catch (IOException | IllegalStateException e) {
            LOG.atDebug().addKeyValue("reason", reason).addKeyValue("error", e.getMessage()).log("the caller's refusal could not be sent");
        }
    }
}
