package org.webims.interworking.call;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.profile.ExtensionPolicy;
import org.webims.interworking.dtmf.DtmfInfoBody;
import org.webims.interworking.dtmf.DtmfRelay;
import org.webims.interworking.ims.ProfiledImsHeaders;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.interworking.registrar.Binding;
import org.webims.interworking.registrar.Registrations;
import org.webims.interworking.registrar.WebAuthenticator;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;

/**
 * Starts calls and hands each later event to its call, found through the application session
 * both legs share.
 */
public final class CallRouter {
    private static final Logger LOG = LoggerFactory.getLogger(CallRouter.class);
    private static final String CALL = "org.webims.interworking.call";

    private final InterworkingSettings settings;
    private final WebAuthenticator authenticator;
    private final Registrations registrations;
    private final MediaControl mediaControl;
    private final SipFactory factory;
    private final ProfiledImsHeaders imsHeaders;
    private final MediaLossRelay mediaLoss;
    private final WebFlows webFlows = new WebFlows();
    private final TimerService timers;

    public CallRouter(InterworkingSettings settings, WebAuthenticator authenticator, Registrations registrations,
                      MediaControl mediaControl, SipFactory factory, ProfiledImsHeaders imsHeaders, TimerService timers) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.registrations = registrations;
        this.mediaControl = mediaControl;
        this.factory = factory;
        this.imsHeaders = imsHeaders;
        this.mediaLoss = new MediaLossRelay(timers);
        this.timers = timers;
    }

    /** An INVITE from a web user: authenticated (RFC 3261 §22.3), registered, then bridged toward the IMS. */
    public void fromWeb(SipServletRequest invite) throws IOException, ServletParseException {
        WebUser caller = authenticator.authenticatedOrAnswered(invite);
        if (caller == null) {
            return; // challenged or refused
        }
        if (!registrations.isRegistered(caller.name())) {
            invite.createResponse(SipServletResponse.SC_FORBIDDEN, "Register before calling").send();
            return;
        }
        if (settings.imsNextHop().isEmpty()) {
            invite.createResponse(SipServletResponse.SC_SERVICE_UNAVAILABLE, "No IMS route configured").send();
            return;
        }
        invite.createResponse(SipServletResponse.SC_TRYING).send();
        CallMedia media;
        try {
            media = mediaControl.createCall(mediaLoss.listenerFor(invite.getApplicationSession()));
            media.onImsDtmf(DtmfRelay.listenerFor(timers, invite.getApplicationSession()));
        } catch (MediaUnavailableException e) {
            invite.createResponse(SipServletResponse.SC_SERVICE_UNAVAILABLE, "No media resources").send();
            return;
        }
        WebToImsCall call;
        try {
            call = WebToImsCall.start(invite, caller, media, factory, settings.imsNextHop().get(), settings.domain(),
                    imsHeaders);
        } catch (IOException | RuntimeException e) {
            media.release();
            throw e;
        }
        if (call != null) {
            invite.getApplicationSession().setAttribute(CALL, call);
            webFlows.track(invite);
        }
    }

    /**
     * An INVITE from the IMS toward a web user: the S-CSCF sent it over ISC for a user whose
     * initial filter criteria name this AS (TS 24.229 §5.7.2), so the Request-URI is the web
     * user's IMPU. Users with no live binding get 480 (RFC 3261 §21.4.18). A request for any
     * other user goes on back through the S-CSCF when it gave a way back (Route with the ODI,
     * {@link IscRelayedCall}), else gets 404.
     */
    public void fromIms(SipServletRequest invite) throws IOException, ServletParseException {
        Optional<WebUser> callee = settings.userByImpu(invite.getRequestURI().toString());
        if (callee.isEmpty()) {
            List<String> onward = onwardRoutes(invite);
            if (onward.isEmpty()) {
                invite.createResponse(SipServletResponse.SC_NOT_FOUND, "Not a web user of " + settings.domain()).send();
                return;
            }
            IscRelayedCall relayed = IscRelayedCall.start(invite, onward);
            if (relayed != null) {
                invite.getApplicationSession().setAttribute(CALL, relayed);
            }
            return;
        }
        List<Binding> bindings = registrations.bindings(callee.get().name());
        if (bindings.isEmpty()) {
            invite.createResponse(SipServletResponse.SC_TEMPORARILY_UNAVAILABLE, "Web user not registered").send();
            return;
        }
        if (!WebToImsCall.hasSdp(invite)) {
            // RFC 3261 §13.2.1 allows an offer in the 2xx; the media control wants the IMS offer first
            SipServletResponse r = invite.createResponse(SipServletResponse.SC_NOT_ACCEPTABLE_HERE);
            r.setHeader("Warning", "399 webims \"an INVITE without an SDP offer is not served\"");
            r.send();
            return;
        }
        ExtensionPolicy reliableProvisional = imsHeaders.profile().signalling().reliableProvisional();
        if (ReliableProvisionals.refused(invite, reliableProvisional)) {
            SipServletResponse r = invite.createResponse(SipServletResponse.SC_EXTENSION_REQUIRED);
            r.setHeader("Require", ReliableProvisionals.OPTION_TAG); // RFC 3261 §21.4.16
            r.send();
            return;
        }
        ExtensionPolicy preconditions = imsHeaders.profile().signalling().preconditions();
        if (PreconditionPolicy.unsupported(invite, preconditions)) {
            SipServletResponse r = invite.createResponse(SipServletResponse.SC_BAD_EXTENSION);
            r.setHeader("Unsupported", org.webims.interworking.ims.SessionPreconditions.OPTION_TAG); // RFC 3261 §8.2.2.3
            r.send();
            return;
        }
        if (PreconditionPolicy.refused(invite, preconditions)) {
            SipServletResponse r = invite.createResponse(SipServletResponse.SC_EXTENSION_REQUIRED);
            r.setHeader("Require", org.webims.interworking.ims.SessionPreconditions.OPTION_TAG); // RFC 3312 §11
            r.send();
            return;
        }
        invite.createResponse(SipServletResponse.SC_TRYING).send();
        CallMedia media;
        try {
            media = mediaControl.createCall(mediaLoss.listenerFor(invite.getApplicationSession()));
            media.onImsDtmf(DtmfRelay.listenerFor(timers, invite.getApplicationSession()));
        } catch (MediaUnavailableException e) {
            invite.createResponse(SipServletResponse.SC_SERVICE_UNAVAILABLE, "No media resources").send();
            return;
        }
        ImsToWebCall call;
        try {
            // every binding rings (RFC 3261 §16.7 forking; WebForks): each tab or device of the user
            call = ImsToWebCall.start(invite, callee.get(), bindings, media, factory,
                    settings.domain(), imsHeaders);
        } catch (IOException | RuntimeException e) {
            media.release();
            throw e;
        }
        if (call != null) {
            invite.getApplicationSession().setAttribute(CALL, call);
        }
    }

    /**
     * The Route entries after our own (RFC 3261 §16.4: the top one routed the request to us; the
     * container leaves it on initial requests), as text: on ISC, the S-CSCF's with the ODI first.
     */
    private static List<String> onwardRoutes(SipServletRequest request) throws ServletParseException {
        List<String> routes = new java.util.ArrayList<>();
        java.util.ListIterator<javax.servlet.sip.Address> it = request.getAddressHeaders("Route");
        while (it.hasNext()) {
            routes.add(it.next().toString());
        }
        return routes.size() < 2 ? List.of() : List.copyOf(routes.subList(1, routes.size()));
    }

    public void bye(SipServletRequest bye) throws IOException {
        inCall(bye, BridgedCall::bye);
    }

    /** A re-INVITE or UPDATE inside a call; 481 when the call is gone (RFC 3261 §12.2.2). */
    public void midCallOffer(SipServletRequest request) throws IOException {
        inCall(request, BridgedCall::midCallOffer);
    }

    public void prack(SipServletRequest prack) throws IOException {
        inCall(prack, BridgedCall::prack);
    }

    /** INFO inside a call: DTMF ({@link DtmfRelay}); 481 when it names no call with a web leg (RFC 6086 §4.2.2). */
    public void info(SipServletRequest info) throws IOException {
        BridgedCall call = callOf(info);
        DtmfRelay dtmf = call == null ? null : call.dtmf();
        if (dtmf == null) {
            info.createResponse(SipServletResponse.SC_CALL_LEG_DONE).send();
            return;
        }
        dtmf.info(info);
    }

    public void cancel(SipServletRequest cancel) throws IOException {
        BridgedCall call = callOf(cancel);
        if (call != null) {
            call.cancelled();
        }
    }

    public void response(SipServletResponse response) throws IOException {
        if ("INFO".equals(response.getMethod())) {
            return; // the web user's answer to a DTMF INFO of ours: nothing follows from it
        }
        BridgedCall call = (BridgedCall) response.getApplicationSession().getAttribute(CALL);
        if (call != null) {
            call.response(response);
            if ("INVITE".equals(response.getMethod()) && response.getStatus() / 100 == 2) {
                webFlows.track(response); // a web user answered over its WebSocket (a response from the IMS is not one)
            }
        }
    }

    /**
     * The WebSocket connection from {@code client} closed (decision 0091): each answered call on it ends
     * toward the IMS with a BYE, on its own session's thread (a ServletTimer due at once, as a media loss).
     */
    public void webSocketClosed(InetSocketAddress client) {
        for (SipApplicationSession session : webFlows.closed(client)) {
            try {
                timers.createTimer(session, 0, false, new WebFlows.Closed(client.toString()));
            } catch (IllegalStateException e) {
                // the call ended meanwhile
            }
        }
    }

    /** A timer of this application fired: a media loss ends its call, an IMS digit goes to the web user. */
    public void timeout(ServletTimer timer) throws IOException {
        if (timer.getInfo() instanceof MediaLossRelay.Lost lost) {
            BridgedCall call = (BridgedCall) timer.getApplicationSession().getAttribute(CALL);
            if (call != null) {
                call.hangUp(switch (lost.cause()) {
                    case BROWSER_LEFT -> HangUpSignals.browserLeft(lost.reason());
                    case CONSENT_EXPIRED -> HangUpSignals.consentExpired(lost.reason());
                    case MEDIA_LOST -> HangUpSignals.mediaLost(lost.reason());
                });
            }
        } else if (timer.getInfo() instanceof WebFlows.Closed) {
            BridgedCall call = (BridgedCall) timer.getApplicationSession().getAttribute(CALL);
            if (call != null) {
                call.hangUp(HangUpSignals.webSocketClosed());
            }
        } else if (timer.getInfo() instanceof DtmfInfoBody.Digit digit) {
            BridgedCall call = (BridgedCall) timer.getApplicationSession().getAttribute(CALL);
            DtmfRelay dtmf = call == null ? null : call.dtmf();
            if (dtmf != null) {
                dtmf.toWeb(digit);
            }
        }
    }

    /**
     * Our 2xx to the caller never got its ACK (JSR 289 §6 {@code SipErrorListener.noAckReceived}; the
     * container tells us 64*T1 + 8 s after the 2xx at the default T1, when the stack gives up on it). RFC 3261
     * §13.3.1.4 has the session ended with a BYE; a B2BUA ends its other leg too, or that leg and
     * its media would stay up until its own session timer. The call ends as on a media loss
     * ({@link BridgedCall#hangUp}): BYE on both legs with {@code Reason: SIP;cause=408}, the media
     * released. The BYE on the unacknowledged leg is ours: the container sends its own only on a
     * dialog the application left confirmed with no BYE in it (decision 0056), so each dialog gets
     * one BYE.
     */
    public void noAckReceived(SipErrorEvent event) throws IOException {
        hangUp(event, HangUpSignals.noAck(), "call ended: the caller never acknowledged our 2xx");
    }

    /**
     * A reliable provisional response of ours to the caller never got its PRACK (JSR 289 §6
     * {@code SipErrorListener.noPrackReceived}; the container tells us 64*T1 after it). RFC 3262 §3
     * has the INVITE rejected with a 5xx, and JSR 289 leaves that 5xx to us. The call is still
     * ringing, so it ends as a ringing call does on a media loss ({@link BridgedCall#hangUp}): the
     * callee's INVITE cancelled and the caller's refused with 500, each with the cause in a Reason,
     * the media released. The container refuses the INVITE itself only when we have not.
     */
    public void noPrackReceived(SipErrorEvent event) throws IOException {
        hangUp(event, HangUpSignals.noPrack(), "call ended: the caller never acknowledged our reliable provisional response");
    }

    /** Ends the call of the INVITE {@code event} names with {@code signals}; one INFO line if it was still up. */
    private static void hangUp(SipErrorEvent event, HangUpSignals signals, String logLine) throws IOException {
        SipServletRequest invite = event.getRequest();
        BridgedCall call = callOf(invite);
        if (call != null && call.hangUp(signals)) {
            LOG.atInfo().addKeyValue("call-id", invite.getCallId()).addKeyValue("reason", signals.reason()).log(logLine);
        }
    }

    /** What a request inside a call does to it. */
    @FunctionalInterface
    private interface InCallRequest {
        void handle(BridgedCall call, SipServletRequest request) throws IOException;
    }

    /** Hands {@code request} to its call; 481 when the call is gone (RFC 3261 §12.2.2). */
    private static void inCall(SipServletRequest request, InCallRequest action) throws IOException {
        BridgedCall call = callOf(request);
        if (call == null) {
            request.createResponse(SipServletResponse.SC_CALL_LEG_DONE).send();
            return;
        }
        action.handle(call, request);
    }

    private static BridgedCall callOf(SipServletRequest request) {
        return (BridgedCall) request.getApplicationSession().getAttribute(CALL);
    }
}
