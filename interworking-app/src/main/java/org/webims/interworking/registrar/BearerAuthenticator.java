package org.webims.interworking.registrar;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.profile.WebAuthentication;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;

/**
 * The Bearer scheme for SIP (RFC 8898): the web user's client gets a token from the carrier's
 * authorization server (the profile's issuer) and sends it as {@code Authorization: Bearer TOKEN};
 * the token is a JWT signed with the key in the profile's key file ({@link BearerTokens}),
 * and its {@code sub} names the web user (who must be one of ours: the users file gives the IMPU).
 * A request without a token gets a 401 naming the issuer as authz_server (RFC 8898 §3); an
 * invalid or expired token a 401 with error="invalid_token" (RFC 6750 §3.1); a valid token for a
 * user we do not know a 403.
 */
final class BearerAuthenticator implements WebAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthenticator.class);
    private static final String SCHEME = "Bearer";

    private final InterworkingSettings settings;
    private final WebAuthentication.Bearer scheme;
    private final BearerTokens tokens;
    private final Clock clock;

    BearerAuthenticator(InterworkingSettings settings, WebAuthentication.Bearer scheme, BearerTokens tokens, Clock clock) {
        this.settings = settings;
        this.scheme = scheme;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Reads the key from the profile's key file (a shared secret or the issuer's PEM public key). */
    static BearerAuthenticator of(InterworkingSettings settings, WebAuthentication.Bearer scheme) throws IOException {
        return new BearerAuthenticator(settings, scheme, BearerTokens.of(scheme), Clock.systemUTC());
    }

    @Override
    public Outcome authenticate(SipServletRequest request) {
        Optional<String> token = token(request.getHeader("Authorization"));
        if (token.isEmpty()) {
            return new Outcome.Challenge(false);
        }
        BearerTokens.Verdict verdict = tokens.verify(token.get(), clock.instant().getEpochSecond());
        if (verdict instanceof BearerTokens.Verdict.Invalid invalid) {
            LOG.atDebug().addKeyValue("reason", invalid.reason()).log("bearer token refused");
            return new Outcome.Challenge(true);
        }
        String subject = ((BearerTokens.Verdict.Valid) verdict).subject();
        Optional<WebUser> user = settings.user(subject);
        return user.<Outcome>map(Outcome.Authenticated::new)
                .orElseGet(() -> new Outcome.Refused("Not a web user of " + settings.domain()));
    }

    /** RFC 8898 §3: realm and the authorization server; RFC 6750 §3.1 error when a token was refused. */
    @Override
    public void challenge(SipServletResponse response, boolean invalidToken) {
        response.addHeader("WWW-Authenticate", SCHEME + " realm=\"" + settings.domain() + "\", authz_server=\""
                + scheme.issuer() + "\"" + (invalidToken ? ", error=\"invalid_token\"" : ""));
    }

    /** The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1: b64token), empty for any other. */
    static Optional<String> token(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String h = authorization.strip();
        if (h.length() <= SCHEME.length() + 1 || !h.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(h.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        String t = h.substring(SCHEME.length() + 1).strip();
        return t.matches("[A-Za-z0-9\\-._~+/]+=*") ? Optional.of(t) : Optional.empty();
    }
}
