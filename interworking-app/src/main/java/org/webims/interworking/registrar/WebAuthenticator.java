package org.webims.interworking.registrar;

import java.io.IOException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.webims.ims.profile.WebAuthentication;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;

/**
 * Checks the credentials of web users' requests (REGISTER, and INVITE: RFC 3261 §22.3) in the
 * scheme the carrier profile names: digest or bearer tokens. Thread-safe.
 */
public interface WebAuthenticator {

    /** What a request's credentials come to. */
    sealed interface Outcome {
        /** Authenticated as {@code user}. */
        record Authenticated(WebUser user) implements Outcome { }

        /**
         * No usable credentials: answer 401 with a challenge; {@code stale}: the credentials were
         * once good (an expired digest nonce, RFC 7616 §3.3; an expired or invalid token, RFC 6750 §3.1).
         */
        record Challenge(boolean stale) implements Outcome { }

        /** Credentials that fail: answer 403 with the reason. */
        record Refused(String reason) implements Outcome { }
    }

    Outcome authenticate(SipServletRequest request);

    /** Adds this scheme's challenge to a 401. */
    void challenge(SipServletResponse response, boolean stale);

    /**
     * Answers {@code request} when its outcome is not {@link Outcome.Authenticated}: 401 with a
     * challenge or 403 with the reason; returns the user when it is.
     */
    default WebUser authenticatedOrAnswered(SipServletRequest request) throws IOException {
        Outcome outcome = authenticate(request);
        if (outcome instanceof Outcome.Challenge challenge) {
            SipServletResponse r = request.createResponse(SipServletResponse.SC_UNAUTHORIZED);
            challenge(r, challenge.stale());
            r.send();
            return null;
        }
        if (outcome instanceof Outcome.Refused refused) {
            request.createResponse(SipServletResponse.SC_FORBIDDEN, refused.reason()).send();
            return null;
        }
        return ((Outcome.Authenticated) outcome).user();
    }

    /** The authenticator for the scheme {@code settings} name. */
    static WebAuthenticator of(InterworkingSettings settings) throws IOException {
        WebAuthentication scheme = settings.webAuthentication();
        if (scheme instanceof WebAuthentication.Digest digest) {
            return new DigestAuthenticator(settings, digest);
        }
        return BearerAuthenticator.of(settings, (WebAuthentication.Bearer) scheme);
    }
}
