package org.webims.interworking.call;

import java.io.IOException;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.TimerService;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.interworking.registrar.DigestAuthenticator;
import org.webims.interworking.registrar.Registrations;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;

/**
 * Starts calls and hands each later event to its call, found through the application session
 * both legs share.
 */
public final class CallRouter {
    private static final String CALL = "org.webims.interworking.call";

    private final InterworkingSettings settings;
    private final DigestAuthenticator authenticator;
    private final Registrations registrations;
    private final MediaControl mediaControl;
    private final SipFactory factory;
    private final MediaLossRelay mediaLoss;

    public CallRouter(InterworkingSettings settings, DigestAuthenticator authenticator, Registrations registrations,
                      MediaControl mediaControl, SipFactory factory, TimerService timers) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.registrations = registrations;
        this.mediaControl = mediaControl;
        this.factory = factory;
        this.mediaLoss = new MediaLossRelay(timers);
    }

    /** An INVITE from a web user: authenticated (RFC 3261 §22.3), registered, then bridged toward the IMS. */
    public void fromWeb(SipServletRequest invite) throws IOException, ServletParseException {
        DigestAuthenticator.Outcome outcome = authenticator.authenticate(invite);
        if (outcome instanceof DigestAuthenticator.Outcome.Challenge challenge) {
            SipServletResponse r = invite.createResponse(SipServletResponse.SC_UNAUTHORIZED);
            authenticator.challenge(r, challenge.stale());
            r.send();
            return;
        }
        if (outcome instanceof DigestAuthenticator.Outcome.Refused refused) {
            invite.createResponse(SipServletResponse.SC_FORBIDDEN, refused.reason()).send();
            return;
        }
        WebUser caller = ((DigestAuthenticator.Outcome.Authenticated) outcome).user();
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
        } catch (MediaUnavailableException e) {
            invite.createResponse(SipServletResponse.SC_SERVICE_UNAVAILABLE, "No media resources").send();
            return;
        }
        WebToImsCall call;
        try {
            call = WebToImsCall.start(invite, caller, media, factory, settings.imsNextHop().get(), settings.domain());
        } catch (IOException | RuntimeException e) {
            media.release();
            throw e;
        }
        if (call != null) {
            invite.getApplicationSession().setAttribute(CALL, call);
        }
    }

    /** An INVITE from the IMS toward a web user: not bridged yet (the terminating step of issue 6). */
    public void fromIms(SipServletRequest invite) throws IOException {
        invite.createResponse(SipServletResponse.SC_TEMPORARILY_UNAVAILABLE, "Calls to web users not supported yet").send();
    }

    public void bye(SipServletRequest bye) throws IOException {
        WebToImsCall call = callOf(bye);
        if (call == null) {
            bye.createResponse(SipServletResponse.SC_CALL_LEG_DONE).send();
            return;
        }
        call.bye(bye);
    }

    public void cancel(SipServletRequest cancel) throws IOException {
        WebToImsCall call = callOf(cancel);
        if (call != null) {
            call.cancelled();
        }
    }

    public void response(SipServletResponse response) throws IOException {
        WebToImsCall call = (WebToImsCall) response.getApplicationSession().getAttribute(CALL);
        if (call != null && !call.isWebLeg(response.getSession())) {
            call.imsResponse(response);
        }
    }

    /** A timer of this application fired: a media loss ends its call. */
    public void timeout(ServletTimer timer) throws IOException {
        if (timer.getInfo() instanceof MediaLossRelay.Lost lost) {
            WebToImsCall call = (WebToImsCall) timer.getApplicationSession().getAttribute(CALL);
            if (call != null) {
                call.mediaLost(lost.reason());
            }
        }
    }

    private static WebToImsCall callOf(SipServletRequest request) {
        return (WebToImsCall) request.getApplicationSession().getAttribute(CALL);
    }
}
