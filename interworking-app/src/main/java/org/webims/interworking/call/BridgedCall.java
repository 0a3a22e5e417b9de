package org.webims.interworking.call;

import java.io.IOException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.webims.interworking.dtmf.DtmfRelay;

/**
 * One call bridged between a web leg and an IMS leg, kept on the application session both legs
 * share; the router hands it each later event of either leg. Its methods run on the application
 * session's executor (JSR 289 §6.4.2: one event at a time), so implementations need no locks.
 */
interface BridgedCall {

    /** A response on one of the call's legs (the container matched it to the leg's session). */
    void response(SipServletResponse response) throws IOException;

    /** BYE on either leg: answered, passed to the other leg, the media released. */
    void bye(SipServletRequest bye) throws IOException;

    /** A re-INVITE or UPDATE on either leg ({@link MidCallOffers}). */
    void midCallOffer(SipServletRequest request) throws IOException;

    /** A PRACK on a leg where we sent reliable provisional responses (RFC 3262 §4); 200 where none is awaited. */
    default void prack(SipServletRequest prack) throws IOException {
        prack.createResponse(SipServletResponse.SC_OK).send();
    }

    /**
     * The application ends the call on both legs, with {@code signals}' cause in a Reason header
     * (RFC 3326 §2): its media is gone, or the caller never acknowledged our 2xx or our reliable
     * provisional response. Returns whether
     * the call was still up (an ended call has nothing left to end).
     */
    boolean hangUp(HangUpSignals signals) throws IOException;

    /** The call's DTMF between its legs, for its current legs; null before both exist. */
    default DtmfRelay dtmf() {
        return null;
    }

    /** The caller cancelled its INVITE (the container already answered 200 and 487). */
    void cancelled() throws IOException;
}
