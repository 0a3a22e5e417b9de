package org.webims.testims.core.scscf;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.AuthorizationHeader;
import org.webims.testims.core.hss.Subscriber;
import org.webims.testims.sip.Digest;

/**
 * Authenticates REGISTER with digest MD5, qop=auth (RFC 3261 §22.4, RFC 2617): a stand-in for
 * IMS AKA (TS 33.203), whose keys live in a USIM this test core has not got. A nonce is good
 * for {@code nonceLifetime} and for increasing nonce-counts only.
 */
public final class RegistrationAuthenticator {
    /** What a REGISTER's credentials amount to. */
    public enum Verdict { ACCEPTED, STALE_NONCE, WRONG_CREDENTIALS }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String realm;
    private final Duration nonceLifetime;
    private final Map<String, NonceState> nonces = new ConcurrentHashMap<>();

    private static final class NonceState {
        final Instant expiry;
        long lastCount;

        NonceState(Instant expiry) {
            this.expiry = expiry;
        }
    }

    public RegistrationAuthenticator(String realm, Duration nonceLifetime) {
        this.realm = realm;
        this.nonceLifetime = nonceLifetime;
    }

    public String realm() {
        return realm;
    }

    /** The value of a WWW-Authenticate with a fresh nonce. */
    public String challenge(boolean stale) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        String nonce = HexFormat.of().formatHex(b);
        Instant now = Instant.now();
        nonces.entrySet().removeIf(e -> e.getValue().expiry.isBefore(now));
        nonces.put(nonce, new NonceState(now.plus(nonceLifetime)));
        return "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=MD5, qop=\"auth\""
                + (stale ? ", stale=TRUE" : "");
    }

    /** Checks {@code auth} on a REGISTER by {@code subscriber}. */
    public Verdict verify(AuthorizationHeader auth, String method, Subscriber subscriber) {
        if (!"Digest".equalsIgnoreCase(auth.getScheme()) || !realm.equals(auth.getRealm())
                || !subscriber.privateIdentity().equals(auth.getUsername())
                || auth.getResponse() == null || auth.getURI() == null) {
            return Verdict.WRONG_CREDENTIALS;
        }
        NonceState state = nonces.get(auth.getNonce());
        if (state == null || state.expiry.isBefore(Instant.now())) {
            return Verdict.STALE_NONCE;
        }
        String qop = auth.getQop();
        String nc = auth instanceof gov.nist.javax.sip.header.Authorization a ? a.getParameter("nc") : null;
        if (!"auth".equals(qop) || nc == null || auth.getCNonce() == null) {
            return Verdict.WRONG_CREDENTIALS;
        }
        long count;
        try {
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return Verdict.WRONG_CREDENTIALS;
        }
        String expected = Digest.response(subscriber.privateIdentity(), realm, subscriber.password(), method,
                auth.getURI().toString(), auth.getNonce(), nc, auth.getCNonce(), qop);
        if (!expected.equalsIgnoreCase(auth.getResponse())) {
            return Verdict.WRONG_CREDENTIALS;
        }
        synchronized (state) {
            if (count <= state.lastCount) {
                return Verdict.STALE_NONCE; // a replayed nonce-count (RFC 2617 §3.2.2)
            }
            state.lastCount = count;
        }
        return Verdict.ACCEPTED;
    }
}
