package org.webims.webrtc.iceservers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ephemeral TURN credentials from a secret shared with the TURN server (draft-uberti-behave-turn-rest-00
 * §2.2; coturn's {@code use-auth-secret} with {@code static-auth-secret}): the username is
 * {@code "<expiry unix time>:<user>"} and the password base64(HMAC-SHA1(secret, username)). The
 * TURN server checks the HMAC and refuses the username once its time has passed.
 */
public final class TurnRestCredentials implements TurnCredentials {

    /** The user part when the browser names none. */
    public static final String DEFAULT_USER = "webims";

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public TurnRestCredentials(String secret, Duration lifetime, Clock clock) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the shared secret is empty");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the lifetime must be positive");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public Credential issue(String user) {
        long expiry = clock.instant().getEpochSecond() + lifetime.toSeconds();
        String username = expiry + ":" + (user == null || user.isEmpty() ? DEFAULT_USER : user);
        return new Credential(username, password(username));
    }

    /** base64(HMAC-SHA1(secret, username)): what the TURN server computes to check a username. */
    public String password(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }
}
