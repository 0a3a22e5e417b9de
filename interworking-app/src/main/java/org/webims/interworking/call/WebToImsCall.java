package org.webims.interworking.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
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
import org.webims.interworking.settings.WebUser;
import org.webims.media.sdp.SdpParseException;

/**
 * One originating call, web user to IMS, as a B2BUA: the web leg's INVITE (WebRTC offer) becomes
 * an IMS INVITE (MTSI offer) through the S-CSCF; ringing and early media come back, the IMS answer
 * becomes the web answer, and BYE or CANCEL on one leg ends the other. The IMS leg is acknowledged
 * as soon as it answers, so the web leg's ACK needs no relaying. Runs on the application session's
 * executor (one event at a time), so its state needs no locks.
 *
 * <p>Where the carrier profile uses preconditions (RFC 3312, TS 24.229 §6.1.2) the IMS offer
 * carries our qos status, none reserved yet; the IMS side's answer (183) gives its status, and our
 * segment counts as reserved as soon as that answer is taken (see
 * {@link SessionPreconditions#localReserved()}), which an UPDATE tells the IMS side once the 183
 * is PRACKed. The IMS callee alerts (180) and answers only when it has its own resources too.
 */
final class WebToImsCall implements BridgedCall {
    private static final Logger LOG = LoggerFactory.getLogger(WebToImsCall.class);

    enum State { CALLING, ANSWERED, ENDED }

    private final SipServletRequest webInvite;
    private final CallMedia media;
    private SipServletRequest imsInvite;
    /**
     * The IMS session whose 2xx answered the call: the INVITE's own or, where the IMS forked, a
     * derived one (JSR 289 §6.2.3.2). Null until answered.
     */
    private SipSession imsDialog;
    private String webAnswer;
    private State state = State.CALLING;
    private final MidCallOffers offers;
    /** The qos preconditions of the IMS leg, null where the profile does not use them. */
    private SessionPreconditions preconditions;
    /** The last SDP we sent toward the IMS: the base of the UPDATE that carries our status. */
    private String imsSdpSent;
    /** Our segment's status as the IMS side knows it (RFC 3312 §5.1: told by UPDATE once reserved). */
    private LocalStatus localStatus = LocalStatus.UNRESERVED;

    private enum LocalStatus { UNRESERVED, OWED, TOLD }

    /** The legs the profile records, from the answer on. */
    private RecordingPolicy recording = RecordingPolicy.none();

    private WebToImsCall(SipServletRequest webInvite, CallMedia media) {
        this.webInvite = webInvite;
        this.media = media;
        this.offers = new MidCallOffers(media);
    }

    @Override
    public DtmfRelay dtmf() {
        return imsInvite == null ? null : new DtmfRelay(media, webInvite.getSession(), imsLeg());
    }

    /** Sends the IMS INVITE; the web leg is answered 488 (bad offer) and the call not made. */
    static WebToImsCall start(SipServletRequest webInvite, WebUser caller, CallMedia media, SipFactory factory,
                              String imsNextHop, String domain, ProfiledImsHeaders imsHeaders)
            throws IOException, ServletParseException {
        try {
            return startCall(webInvite, caller, media, factory, imsNextHop, domain, imsHeaders);
        } catch (SdpParseException e) {
            throw new IllegalStateException("the media control's own offer does not parse", e);
        }
    }

    private static WebToImsCall startCall(SipServletRequest webInvite, WebUser caller, CallMedia media, SipFactory factory,
                                          String imsNextHop, String domain, ProfiledImsHeaders imsHeaders)
            throws IOException, ServletParseException, SdpParseException {
        WebToImsCall call = new WebToImsCall(webInvite, media);
        String imsOffer;
        try {
            imsOffer = media.webOffer(body(webInvite));
        } catch (SdpRejectedException e) {
            media.release();
            notAcceptable(webInvite, e);
            return null;
        }
        SipApplicationSession appSession = webInvite.getApplicationSession();
        String impu = imsHeaders.impuOf(caller, domain);
        Address from = factory.createAddress(hidesCaller(webInvite, imsHeaders) ? ProfiledImsHeaders.ANONYMOUS : impu);
        Address to = factory.createAddress(webInvite.getTo().getURI().clone());
        SipServletRequest invite = factory.createRequest(appSession, "INVITE", from, to);
        invite.setRequestURI(webInvite.getRequestURI().clone());
        // TS 24.229 §5.7.3: toward the S-CSCF as a loose route (RFC 3261 §16.12.1.1), Request-URI kept
        javax.servlet.sip.SipURI route = (javax.servlet.sip.SipURI) factory.createURI(imsNextHop);
        route.setLrParam(true);
        invite.pushRoute(route);
        try {
            imsHeaders.originate(webInvite, invite, impu);
        } catch (java.text.ParseException e) {
            throw new ServletParseException("IMS headers of the web request: " + e.getMessage());
        }
        ReliableProvisionals.announce(invite, imsHeaders.profile().signalling().reliableProvisional());
        ExtensionPolicy preconditionPolicy = imsHeaders.profile().signalling().preconditions();
        if (preconditionPolicy.used()) {
            PreconditionPolicy.announce(invite, preconditionPolicy);
            call.preconditions = SessionPreconditions.forOffer(imsOffer);
            imsOffer = call.preconditions.applyTo(imsOffer);
        }
        call.imsSdpSent = imsOffer;
        call.recording = imsHeaders.profile().recording();
        invite.setContent(imsOffer.getBytes(StandardCharsets.UTF_8), "application/sdp");
        call.imsInvite = invite;
        invite.send();
        LOG.atDebug().addKeyValue("caller", caller.name()).addKeyValue("to", to).log("web call toward the IMS");
        return call;
    }

    private static boolean hidesCaller(SipServletRequest webInvite, ProfiledImsHeaders imsHeaders)
            throws ServletParseException {
        try {
            return imsHeaders.hidesCaller(webInvite);
        } catch (java.text.ParseException e) {
            throw new ServletParseException("Privacy of the web request: " + e.getMessage());
        }
    }

    boolean isWebLeg(SipSession session) {
        return session.equals(webInvite.getSession());
    }

    /** The IMS session in-dialog requests go on: the answering one once the call is answered. */
    private SipSession imsLeg() {
        return imsDialog != null ? imsDialog : imsInvite.getSession();
    }

    /** A response on the IMS leg. */
    @Override
    public void response(SipServletResponse response) throws IOException {
        if (offers.response(response)) {
            return;
        }
        if (preconditions != null && state == State.CALLING && !isWebLeg(response.getSession())
                && preconditionResponse(response)) {
            return;
        }
        if (isWebLeg(response.getSession()) || !"INVITE".equals(response.getMethod())) {
            return; // our BYE's and CANCEL's answers end nothing more
        }
        int status = response.getStatus();
        if (state == State.ANSWERED && status >= 200 && status < 300 && !response.getSession().equals(imsDialog)) {
            // RFC 3261 §13.2.2.4: a second fork's answer is acknowledged, then ended; the call goes on in the first
            response.createAck().send();
            response.getSession().createRequest("BYE").send();
            return;
        }
        if (state == State.ENDED) {
            if (status >= 200 && status < 300) {
                response.createAck().send(); // answered as the caller went: RFC 3261 §15, ACK then BYE
                response.getSession().createRequest("BYE").send();
            }
            return;
        }
        if (status < 200) {
            boolean pracked = ReliableProvisionals.wantsPrack(response);
            if (pracked) {
                prackOnImsLeg(response);
            }
            provisional(response);
            if (localStatus == LocalStatus.OWED && !pracked) {
                sendLocalStatus(response.getSession()); // no PRACK to wait for (RFC 3311 §5.1)
            }
        } else if (status < 300) {
            answered(response);
        } else {
            state = State.ENDED;
            media.release();
            webInvite.createResponse(FailureMapping.webStatus(status), response.getReasonPhrase()).send();
        }
    }

    /** RFC 3262 §4: a reliable provisional response from the IMS is acknowledged by PRACK. */
    private static void prackOnImsLeg(SipServletResponse response) throws IOException {
        try {
            response.createPrack().send();
        } catch (javax.servlet.sip.Rel100Exception e) {
            LOG.atDebug().log("no PRACK for a reliable provisional response: {}", e.getMessage());
        }
    }

    private void provisional(SipServletResponse response) throws IOException {
        int status = response.getStatus();
        if (status == 100) {
            return;
        }
        SipServletResponse relay = webInvite.createResponse(status == 183 ? 183 : 180);
        if (status == 183 && webAnswer == null && hasSdp(response)) {
            try {
                webAnswer = media.imsAnswer(body(response)); // early media (RFC 3960 gateway model)
            } catch (SdpRejectedException e) {
                LOG.atDebug().log("early media answer refused: {}", e.warning());
            }
        }
        if (status == 183 && webAnswer != null) {
            relay.setContent(webAnswer.getBytes(StandardCharsets.UTF_8), "application/sdp");
        }
        if (preconditions != null && hasSdp(response)) {
            if (!takeImsStatus(body(response))) {
                return;
            }
            if (webAnswer != null && localStatus == LocalStatus.UNRESERVED) {
                preconditions.localReserved(); // the media path through the AS now exists
                localStatus = LocalStatus.OWED;
            }
        }
        relay.send();
    }

    /** Responses to our PRACK and UPDATE in the early dialog: our status goes after the PRACK, theirs comes back. */
    private boolean preconditionResponse(SipServletResponse response) throws IOException {
        String method = response.getMethod();
        if ("PRACK".equals(method)) {
            if (response.getStatus() >= 200 && response.getStatus() < 300 && localStatus == LocalStatus.OWED) {
                sendLocalStatus(response.getSession());
            }
            return true;
        }
        if ("UPDATE".equals(method)) {
            if (response.getStatus() >= 200 && response.getStatus() < 300 && hasSdp(response)) {
                takeImsStatus(body(response)); // a failure ends the call there
            } else if (response.getStatus() >= 300) {
                LOG.atDebug().addKeyValue("status", response.getStatus()).log("the IMS side refused our qos status");
            }
            return true;
        }
        return false;
    }

    /** RFC 3312 §5.1: tells the IMS side, in an UPDATE offer (RFC 3311), that our segment is reserved. */
    private void sendLocalStatus(SipSession imsLeg) throws IOException {
        localStatus = LocalStatus.TOLD;
        try {
            imsSdpSent = preconditions.nextVersionOf(imsSdpSent);
        } catch (SdpParseException e) {
            throw new IllegalStateException("our own IMS offer does not parse", e);
        }
        SipServletRequest update = imsLeg.createRequest("UPDATE");
        update.setContent(imsSdpSent.getBytes(StandardCharsets.UTF_8), "application/sdp");
        update.send();
        LOG.atDebug().log("qos status sent to the IMS side");
    }

    /** Takes the IMS side's qos status; false when it says the preconditions failed, which ended the call. */
    private boolean takeImsStatus(String sdp) throws IOException {
        try {
            preconditions.update(sdp);
        } catch (SdpParseException e) {
            LOG.atDebug().log("IMS SDP without a readable qos status: {}", e.getMessage());
            return true;
        }
        LOG.atDebug().addKeyValue("met", preconditions.met()).addKeyValue("failed", preconditions.failed())
                .log("IMS qos status");
        if (!preconditions.failed()) {
            return true;
        }
        // RFC 3312 §5.1, §8: the IMS side cannot reserve; the session is not set up (580 Precondition Failure)
        String reason = "SIP;cause=580;text=\"Precondition Failure\"";
        SipServletRequest cancel = imsInvite.createCancel();
        cancel.setHeader("Reason", reason); // RFC 3326 §2
        cancel.send();
        SipServletResponse refused = webInvite.createResponse(SipServletResponse.SC_PRECONDITION_FAILURE);
        refused.setHeader("Reason", reason);
        refused.send();
        end();
        return false;
    }

    private void answered(SipServletResponse response) throws IOException {
        response.createAck().send();
        if (webAnswer == null) {
            try {
                webAnswer = media.imsAnswer(body(response));
            } catch (SdpRejectedException e) {
                state = State.ENDED;
                media.release();
                response.getSession().createRequest("BYE").send();
                notAcceptable(webInvite, e);
                return;
            }
        }
        state = State.ANSWERED;
        imsDialog = response.getSession();
        CallRecording.start(media, recording, webInvite.getCallId());
        SipServletResponse ok = webInvite.createResponse(SipServletResponse.SC_OK);
        ok.setContent(webAnswer.getBytes(StandardCharsets.UTF_8), "application/sdp");
        ok.send();
    }

    @Override
    public void midCallOffer(SipServletRequest request) throws IOException {
        if (preconditions != null && state == State.CALLING && !isWebLeg(request.getSession())
                && "UPDATE".equals(request.getMethod()) && hasSdp(request)) {
            // RFC 3312 §5.1: the IMS side's status in the early dialog, answered with ours
            if (!takeImsStatus(body(request))) {
                request.createResponse(SipServletResponse.SC_PRECONDITION_FAILURE).send();
                return;
            }
            imsSdpSent = PreconditionPolicy.answerStatus(request, preconditions, imsSdpSent);
            return;
        }
        if (state != State.ANSWERED) {
            request.createResponse(SipServletResponse.SC_REQUEST_PENDING).send(); // the call is not set up yet
            return;
        }
        boolean fromWeb = isWebLeg(request.getSession());
        offers.offer(request, fromWeb, fromWeb ? imsLeg() : webInvite.getSession());
    }

    @Override
    public void bye(SipServletRequest bye) throws IOException {
        bye.createResponse(SipServletResponse.SC_OK).send();
        if (state == State.ANSWERED) {
            SipSession other = isWebLeg(bye.getSession()) ? imsLeg() : webInvite.getSession();
            other.createRequest("BYE").send();
        }
        end();
    }

    /**
     * The application ends the call (its media node died, or the web caller never acknowledged our
     * 2xx): an answered call gets BYE on both legs, a call still ringing is cancelled toward the IMS
     * and refused toward the web (503 for lost media), each with the cause in a Reason header (RFC 3326 §2).
     */
    @Override
    public boolean hangUp(HangUpSignals signals) throws IOException {
        State was = state;
        if (state == State.ANSWERED) {
            signals.byeBoth(webInvite.getSession(), imsLeg());
        } else if (state == State.CALLING) {
            if (imsInvite != null) {
                signals.cancel(imsInvite);
            }
            signals.refuse(webInvite);
        }
        LOG.atDebug().addKeyValue("state", was).addKeyValue("reason", signals.reason()).log("call ended: {}", signals.why());
        end();
        return was != State.ENDED;
    }

    /** The web caller cancelled (the container already answered 487): cancel the IMS leg. */
    @Override
    public void cancelled() throws IOException {
        if (state == State.CALLING && imsInvite != null) {
            imsInvite.createCancel().send();
        }
        end();
    }

    private void end() {
        state = State.ENDED;
        media.release();
    }

    State state() {
        return state;
    }

    static boolean hasSdp(javax.servlet.sip.SipServletMessage m) {
        return m.getContentLength() > 0 && m.getContentType() != null
                && m.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp");
    }

    static String body(javax.servlet.sip.SipServletMessage m) throws IOException {
        byte[] raw = m.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    static void notAcceptable(SipServletRequest request, SdpRejectedException e) throws IOException {
        SipServletResponse r = request.createResponse(SipServletResponse.SC_NOT_ACCEPTABLE_HERE);
        r.setHeader("Warning", e.warning()); // RFC 3261 §21.4.26 with §20.43
        r.send();
    }
}
