package org.webims.interworking.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.slf4j.Logger;
import org.webims.interworking.dtmf.DtmfRelay;
import org.slf4j.LoggerFactory;
import org.webims.ims.profile.ExtensionPolicy;
import org.webims.ims.profile.RecordingPolicy;
import org.webims.interworking.ims.ProfiledImsHeaders;
import org.webims.interworking.ims.SessionPreconditions;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.SdpRejectedException;
import org.webims.interworking.registrar.Binding;
import org.webims.interworking.settings.WebUser;
import org.webims.media.sdp.SdpParseException;

/**
 * One terminating call, IMS to web user, as a B2BUA: the INVITE the S-CSCF sent over ISC (MTSI
 * offer) becomes an INVITE (WebRTC offer) over each of the web user's WebSocket bindings, rung
 * in parallel ({@link WebForks}: the first to answer wins, the others are cancelled); ringing, early media
 * and the answer come back, and BYE or CANCEL on one leg ends the other. The IMS leg is the AS
 * acting as the terminating UA (TS 24.229 §5.7.2): its responses and in-dialog requests follow
 * the Via and the route set the S-CSCF recorded, so they go back through it. The web leg is
 * acknowledged as soon as it answers, so the IMS side's ACK needs no relaying. Ringing and early
 * media go to the IMS caller reliably (RFC 3262) where it supports 100rel and the carrier profile
 * uses it; re-INVITE and UPDATE in the call go through {@link MidCallOffers}.
 *
 * <p>An IMS offer with preconditions (RFC 3312) that the IMS requires, or supports and the
 * profile uses, is answered at once in a reliable 183 with our status: our segment reserved (the
 * AS has nothing to reserve, see {@link SessionPreconditions#localReserved()}), the IMS side's
 * asked to confirm. The web user is invited, and so alerted, only once the IMS side's UPDATE
 * says its segment is reserved too (RFC 3312 §5.1: no alerting before the preconditions are met).
 */
final class ImsToWebCall implements BridgedCall {
    private static final Logger LOG = LoggerFactory.getLogger(ImsToWebCall.class);

    enum State { CALLING, ANSWERED, ENDED }

    private final SipServletRequest imsInvite;
    private final CallMedia media;
    private SipServletRequest webInvite;
    /** The web INVITEs, one per binding; {@link #webInvite} is the first until one answers, then the answering one. */
    private WebForks forks;
    /** The answer the IMS side got in a 183 (early media), repeated in the 200 unless it went reliably; null before. */
    private byte[] earlyAnswer;
    /** Whether a provisional response with our SDP answer went reliably (RFC 3262): offer/answer is then complete. */
    private boolean answeredReliably;
    /** Whether the web user's answer has been given to the media (its web leg set up); with preconditions the IMS side's answer comes first. */
    private boolean webAnswerTaken;
    private State state = State.CALLING;
    private final MidCallOffers offers;
    /** Whether our provisional responses to the IMS go reliably (RFC 3262), and one is awaiting its PRACK. */
    private final boolean reliable;
    private boolean awaitingPrack;
    /** Responses to the IMS held until the PRACK (RFC 3262 §3: one unacknowledged reliable response at a time). */
    private final java.util.ArrayDeque<SipServletResponse> held = new java.util.ArrayDeque<>();
    /** The qos preconditions of the IMS leg, null when the call has none. */
    private SessionPreconditions preconditions;
    /** The last SDP we sent the IMS side: the base of our answers to its status UPDATEs. */
    private String imsSdpSent;
    /** The legs the profile records, from the answer on. */
    private RecordingPolicy recording = RecordingPolicy.none();
    /** The web INVITE, held until the preconditions are met; null once sent. */
    private SipServletRequest webInviteToSend;

    private ImsToWebCall(SipServletRequest imsInvite, CallMedia media, boolean reliable) {
        this.imsInvite = imsInvite;
        this.reliable = reliable;
        this.media = media;
        this.offers = new MidCallOffers(media);
    }

    /**
     * Sends the web INVITE to every binding of the user at once; a refused offer is answered 488
     * and no call made (null returned).
     */
    static ImsToWebCall start(SipServletRequest imsInvite, WebUser callee, java.util.List<Binding> bindings, CallMedia media,
                              SipFactory factory, String domain, ProfiledImsHeaders imsHeaders)
            throws IOException, ServletParseException {
        ExtensionPolicy reliableProvisional = imsHeaders.profile().signalling().reliableProvisional();
        ImsToWebCall call = new ImsToWebCall(imsInvite, media,
                ReliableProvisionals.sendReliably(imsInvite, reliableProvisional));
        String webOffer;
        try {
            webOffer = media.imsOffer(WebToImsCall.body(imsInvite));
        } catch (SdpRejectedException e) {
            media.release();
            WebToImsCall.notAcceptable(imsInvite, e);
            return null;
        }
        Address from = callerIdentity(imsInvite, factory, imsHeaders);
        Address to = factory.createAddress(factory.createSipURI(callee.name(), domain));
        call.forks = WebForks.create(imsInvite.getApplicationSession(), from, to, bindings,
                webOffer.getBytes(StandardCharsets.UTF_8), factory);
        SipServletRequest invite = call.forks.first();
        call.webInvite = invite;
        call.recording = imsHeaders.profile().recording();
        if (PreconditionPolicy.applies(imsInvite, imsHeaders.profile().signalling().preconditions(),
                WebToImsCall.body(imsInvite))) {
            call.webInviteToSend = invite;
            call.answerWithPreconditions();
        } else {
            call.forks.send();
        }
        LOG.atDebug().addKeyValue("callee", callee.name()).addKeyValue("from", from).log("IMS call toward a web user");
        return call;
    }

    /**
     * Who the web user sees calling: the IMS caller's asserted identity where the S-CSCF gave
     * one (RFC 3325 §9.1; the IMS is our trust domain on ISC), else its From; anonymous when the
     * caller asked for identity privacy (RFC 3323 §4.1.1.3), since the browser is outside the
     * trust domain.
     */
    private static Address callerIdentity(SipServletRequest imsInvite, SipFactory factory, ProfiledImsHeaders imsHeaders)
            throws ServletParseException {
        boolean hidden;
        try {
            hidden = imsHeaders.hidesCaller(imsInvite);
        } catch (java.text.ParseException e) {
            throw new ServletParseException("Privacy of the IMS request: " + e.getMessage());
        }
        if (hidden) {
            return factory.createAddress(ProfiledImsHeaders.ANONYMOUS);
        }
        Address asserted = imsInvite.getAddressHeader("P-Asserted-Identity");
        Address caller = asserted != null ? asserted : imsInvite.getFrom();
        Address shown = factory.createAddress(caller.getURI().clone());
        String name = caller.getDisplayName() != null ? caller.getDisplayName() : imsInvite.getFrom().getDisplayName();
        if (name != null) {
            shown.setDisplayName(name);
        }
        return shown;
    }

    /** Made for each use: {@link #webInvite} moves to the answering fork. */
    @Override
    public DtmfRelay dtmf() {
        return webInvite == null ? null : new DtmfRelay(media, webInvite.getSession(), imsInvite.getSession());
    }

    private boolean isWebLeg(SipSession session) {
        return webInvite != null
                && (session.equals(webInvite.getSession()) || state == State.CALLING && forks.contains(session));
    }

    @Override
    public void response(SipServletResponse response) throws IOException {
        if (offers.response(response)) {
            return;
        }
        if (forks == null || !forks.contains(response.getSession()) || !"INVITE".equals(response.getMethod())) {
            return; // answers to our BYEs and CANCELs end nothing more
        }
        int status = response.getStatus();
        if (state == State.ENDED) {
            if (status >= 200 && status < 300) {
                response.createAck().send(); // answered as the caller went: RFC 3261 §15, ACK then BYE
                response.getSession().createRequest("BYE").send();
            }
            return;
        }
        if (state == State.ANSWERED) {
            if (status >= 200 && status < 300) {
                response.createAck().send(); // a 2xx retransmission: ACK it again (RFC 3261 §13.2.2.4)
                if (!response.getSession().equals(webInvite.getSession())) {
                    response.getSession().createRequest("BYE").send(); // another binding answered too: §13.2.2.4
                }
            }
            return;
        }
        if (status < 200) {
            provisional(response);
        } else if (status < 300) {
            webInvite = forks.answered(response);
            answered(response);
        } else {
            SipServletResponse best = forks.failed(response);
            if (best == null) {
                return; // other bindings still ring
            }
            state = State.ENDED;
            media.release();
            held.clear(); // RFC 3262 §3: a non-2xx final response need not wait for PRACKs
            imsInvite.createResponse(FailureMapping.imsStatus(best.getStatus()), best.getReasonPhrase()).send();
        }
    }

    /** RFC 3312 §6: the offer's answer in a 183 with our status; the web user waits for the preconditions. */
    private void answerWithPreconditions() throws IOException {
        try {
            preconditions = SessionPreconditions.forAnswer(WebToImsCall.body(imsInvite));
            preconditions.localReserved();
            imsSdpSent = preconditions.applyTo(media.answerInProgress());
        } catch (SdpParseException e) {
            throw new IllegalStateException("an offer the media control took does not parse", e);
        }
        earlyAnswer = imsSdpSent.getBytes(StandardCharsets.UTF_8);
        SipServletResponse progress = imsInvite.createResponse(183, "Session Progress");
        progress.setContent(earlyAnswer, "application/sdp");
        toIms(progress);
        inviteWebUserOnceMet();
    }

    /** The IMS side's status UPDATE in the early dialog (RFC 3312 §5.1): answered with ours, the web user invited once met. */
    private void imsStatus(SipServletRequest update) throws IOException {
        try {
            preconditions.update(WebToImsCall.body(update));
        } catch (SdpParseException e) {
            SipServletResponse r = update.createResponse(SipServletResponse.SC_BAD_REQUEST, "Unreadable SDP");
            r.send();
            return;
        }
        imsSdpSent = PreconditionPolicy.answerStatus(update, preconditions, imsSdpSent);
        inviteWebUserOnceMet();
    }

    private void inviteWebUserOnceMet() throws IOException {
        if (webInviteToSend != null && preconditions.met()) {
            webInviteToSend = null;
            forks.send();
            LOG.atDebug().log("preconditions met: the web user is invited");
        }
    }

    /** Sends a response to the IMS INVITE: provisional ones reliably where agreed, all in order behind a pending PRACK. */
    private void toIms(SipServletResponse response) throws IOException {
        if (awaitingPrack) {
            held.add(response);
            return;
        }
        if (reliable && response.getStatus() < 200) {
            try {
                response.sendReliably();
                awaitingPrack = true;
                answeredReliably |= WebToImsCall.hasSdp(response);
                return;
            } catch (javax.servlet.sip.Rel100Exception e) {
                LOG.atDebug().log("reliable provisional refused, sent unreliably: {}", e.getMessage());
            }
        }
        response.send();
    }

    /** The IMS side's PRACK (RFC 3262 §4): answered, and what waited for it sent. */
    @Override
    public void prack(SipServletRequest prack) throws IOException {
        prack.createResponse(SipServletResponse.SC_OK).send();
        awaitingPrack = false;
        while (!awaitingPrack && !held.isEmpty() && state != State.ENDED) {
            toIms(held.poll());
        }
    }

    private void provisional(SipServletResponse response) throws IOException {
        int status = response.getStatus();
        if (status == 100) {
            return;
        }
        SipServletResponse relay = imsInvite.createResponse(status == 183 ? 183 : 180);
        // RFC 3960 §3.1: with several bindings the early answer may not be the final one's, so only one rings with early media
        if (status == 183 && earlyAnswer == null && forks.size() == 1 && WebToImsCall.hasSdp(response)) {
            try {
                earlyAnswer = media.webAnswer(WebToImsCall.body(response)).getBytes(StandardCharsets.UTF_8); // RFC 3960
                webAnswerTaken = true;
                relay.setContent(earlyAnswer, "application/sdp");
            } catch (SdpRejectedException e) {
                LOG.atDebug().log("early media answer refused: {}", e.warning());
            }
        }
        toIms(relay);
    }

    private void answered(SipServletResponse response) throws IOException {
        response.createAck().send();
        SipServletResponse ok = imsInvite.createResponse(SipServletResponse.SC_OK);
        if (!webAnswerTaken) {
            // with preconditions the IMS side had its answer in the 183 already, but the web leg still needs the browser's
            String imsAnswer;
            try {
                imsAnswer = media.webAnswer(WebToImsCall.body(response));
            } catch (SdpRejectedException e) {
                state = State.ENDED;
                media.release();
                response.getSession().createRequest("BYE").send();
                WebToImsCall.notAcceptable(imsInvite, e);
                return;
            }
            webAnswerTaken = true;
            if (earlyAnswer == null) {
                ok.setContent(imsAnswer.getBytes(StandardCharsets.UTF_8), "application/sdp");
            }
        }
        if (earlyAnswer != null && !answeredReliably) {
            // RFC 3261 §13.2.1: the answer went in an unreliable 183; the 200 repeats that same answer. One
            // that went reliably completed offer/answer (RFC 3262 §5; the caller ignores SDP in later
            // responses, §13.2.1), and status UPDATEs since may have moved our version on: the 200 has none
            ok.setContent(earlyAnswer, "application/sdp");
        }
        state = State.ANSWERED;
        CallRecording.start(media, recording, imsInvite.getCallId());
        toIms(ok);
    }

    @Override
    public void midCallOffer(SipServletRequest request) throws IOException {
        if (preconditions != null && state == State.CALLING && !isWebLeg(request.getSession())
                && "UPDATE".equals(request.getMethod()) && WebToImsCall.hasSdp(request)) {
            imsStatus(request);
            return;
        }
        if (state != State.ANSWERED) {
            request.createResponse(SipServletResponse.SC_REQUEST_PENDING).send(); // the call is not set up yet
            return;
        }
        boolean fromWeb = isWebLeg(request.getSession());
        offers.offer(request, fromWeb, fromWeb ? imsInvite.getSession() : webInvite.getSession());
    }

    @Override
    public void bye(SipServletRequest bye) throws IOException {
        bye.createResponse(SipServletResponse.SC_OK).send();
        if (state == State.ANSWERED) {
            SipSession other = isWebLeg(bye.getSession()) ? imsInvite.getSession() : webInvite.getSession();
            other.createRequest("BYE").send();
        }
        end();
    }

    /**
     * The application ends the call (its media is gone, or the IMS caller never acknowledged our
     * 2xx or our reliable provisional response): an answered call gets BYE on both legs, a call
     * still ringing is cancelled toward the web user and refused toward the IMS caller (503 for lost
     * media, 500 for a missing PRACK), each with the cause in a Reason header (RFC 3326 §2).
     */
    @Override
    public boolean hangUp(HangUpSignals signals) throws IOException {
        State was = state;
        if (state == State.ANSWERED) {
            signals.byeBoth(webInvite.getSession(), imsInvite.getSession());
        } else if (state == State.CALLING) {
            if (webInvite != null && webInviteToSend == null) {
                forks.cancelPending(signals.reason());
            }
            held.clear();
            signals.refuse(imsInvite);
        }
        LOG.atDebug().addKeyValue("state", was).addKeyValue("reason", signals.reason()).log("call ended: {}", signals.why());
        end();
        return was != State.ENDED;
    }

    @Override
    public void cancelled() throws IOException {
        if (state == State.CALLING && webInvite != null && webInviteToSend == null) { // a held INVITE was never sent
            forks.cancelPending(null);
        }
        end();
    }

    private void end() {
        state = State.ENDED;
        media.release();
    }
}
