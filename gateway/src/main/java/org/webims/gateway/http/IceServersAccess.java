package org.webims.gateway.http;

import java.io.IOException;
import org.webims.ims.profile.WebAuthentication;
import org.webims.interworking.registrar.WebUserTokens;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.webrtc.iceservers.IceServers;

/**
 * Who may read {@code /webrtc/ice-servers} (decision 0072). Where web users hold RFC 8898 bearer
 * tokens, only a request with a valid token of one of them, whose name is then the TURN user
 * part; elsewhere (digest: the page holds no HTTP credential) anyone who reaches the listener.
 */
public interface IceServersAccess {

    /** What a request comes to: the TURN user part to issue for (null: none), or a 401 challenge. */
    record Verdict(boolean allowed, String user, String challenge) {
        static Verdict allow(String user) {
            return new Verdict(true, user, null);
        }
    }

    /** {@code authorization}: the request's Authorization header or null; {@code requestedUser}: its ?username= or null. */
    Verdict check(String authorization, String requestedUser);

    /** Anyone; the user part is what the request names. */
    IceServersAccess OPEN = (authorization, requestedUser) -> Verdict.allow(requestedUser);

    /** A valid token's web user only, whatever the request names. */
    static IceServersAccess bearer(WebUserTokens tokens) {
        return (authorization, requestedUser) -> tokens.user(authorization)
                .map(user -> Verdict.allow(IceServers.isUserPart(user.name()) ? user.name() : null))
                .orElseGet(() -> new Verdict(false, null, tokens.challenge(authorization != null)));
    }

    /** As the web users authenticate: bearer where {@code settings} say so, else open. */
    static IceServersAccess of(InterworkingSettings settings) throws IOException {
        return settings.webAuthentication() instanceof WebAuthentication.Bearer scheme
                ? bearer(WebUserTokens.of(settings, scheme)) : OPEN;
    }
}
