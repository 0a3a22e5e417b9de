package org.webims.interworking.registrar;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.webims.ims.profile.WebAuthentication;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;

/**
 * Web users' bearer tokens checked outside SIP, as {@link BearerAuthenticator} checks REGISTER's
 * (RFC 8898, decision 0015): for the gateway's HTTP side, where a page holding its user's token
 * asks for something on that user's behalf (TURN credentials, decision 0072). Thread-safe.
 */
public final class WebUserTokens {

    private final InterworkingSettings settings;
    private final BearerTokens tokens;
    private final Clock clock;

    WebUserTokens(InterworkingSettings settings, BearerTokens tokens, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Checks tokens as the web users' {@code scheme} says, with its key file read now. */
    public static WebUserTokens of(InterworkingSettings settings, WebAuthentication.Bearer scheme) throws IOException {
        return new WebUserTokens(settings, BearerTokens.of(scheme), Clock.systemUTC());
    }

    /**
     * The web user whose valid token an {@code Authorization: Bearer} header carries; empty for
     * no such header, a token refused, or a subject who is not one of our web users.
     */
    public Optional<WebUser> user(String authorization) {
        return BearerAuthenticator.token(authorization)
                .map(token -> tokens.verify(token, clock.instant().getEpochSecond()))
                .flatMap(verdict -> verdict instanceof BearerTokens.Verdict.Valid valid
                        ? settings.user(valid.subject()) : Optional.empty());
    }

    /** RFC 6750 §3: a 401's WWW-Authenticate, with error="invalid_token" where a token was presented. */
    public String challenge(boolean tokenPresented) {
        return "Bearer realm=\"" + settings.domain() + "\"" + (tokenPresented ? ", error=\"invalid_token\"" : "");
    }
}
