package org.webims.interworking.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.webims.ims.profile.WebAuthentication;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;

/**
 * HTTP Digest for SIP requests from web users (RFC 3261 §22, RFC 7616, RFC 8760): MD5 with
 * qop=auth only, nonce-count checked for replays, nonces that expire (then {@code stale=true}
 * so the client retries without asking its user).
 */
public final class DigestAuthenticator implements WebAuthenticator {

    private final InterworkingSettings settings;
    private final String realm;
    private final Nonces nonces;

    /** Digest in the carrier profile's realm, its nonces living as long as the profile says. */
    public DigestAuthenticator(InterworkingSettings settings, WebAuthentication.Digest scheme) {
        this.settings = settings;
        this.realm = scheme.realm();
        this.nonces = new Nonces(scheme.nonceLifetime());
    }

    @Override
    public Outcome authenticate(SipServletRequest request) {
        Optional<DigestCredentials> parsed = DigestCredentials.parse(request.getHeader("Authorization"));
        if (parsed.isEmpty()) {
            return new Outcome.Challenge(false);
        }
        DigestCredentials c = parsed.get();
        String username = c.get("username");
        String nonce = c.get("nonce");
        String uri = c.get("uri");
        String response = c.get("response");
        String cnonce = c.get("cnonce");
        String nc = c.get("nc");
        if (!realm.equals(c.get("realm")) || nonce == null) {
            return new Outcome.Challenge(false); // credentials for another realm: challenge for ours
        }
        String algorithm = c.get("algorithm");
        if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
            return new Outcome.Refused("algorithm " + algorithm + " not offered");
        }
        if (!"auth".equals(c.get("qop")) || username == null || uri == null || response == null || cnonce == null
                || nc == null || !nc.matches("[0-9a-fA-F]{8}")) {
            return new Outcome.Refused("credentials lack qop=auth, nc, cnonce, uri or response");
        }
        Optional<WebUser> user = settings.user(username);
        if (user.isEmpty() || !expectedResponse(user.get(), request.getMethod(), c).equalsIgnoreCase(response)) {
            return new Outcome.Refused("wrong user name or password");
        }
        return switch (nonces.use(nonce, Long.parseLong(nc, 16))) {
            case FRESH -> new Outcome.Authenticated(user.get());
            case STALE -> new Outcome.Challenge(true);
            case UNKNOWN -> new Outcome.Challenge(false);
            case REPLAYED -> new Outcome.Refused("nonce-count " + nc + " already used");
        };
    }

    /** Adds a fresh challenge to a 401 (RFC 7616 §3.3). */
    @Override
    public void challenge(SipServletResponse response, boolean stale) {
        response.addHeader("WWW-Authenticate", "Digest realm=\"" + realm + "\", nonce=\""
                + nonces.issue() + "\", algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=true" : ""));
    }

    /** RFC 7616 §3.4.1 with qop=auth: KD(H(A1), nonce:nc:cnonce:qop:H(A2)). */
    private String expectedResponse(WebUser user, String method, DigestCredentials c) {
        String ha1 = md5(user.name() + ":" + realm + ":" + user.password());
        String ha2 = md5(method + ":" + c.get("uri"));
        return md5(ha1 + ":" + c.get("nonce") + ":" + c.get("nc") + ":" + c.get("cnonce") + ":auth:" + ha2);
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }
}
