package org.webims.webrtc.iceservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The TURN REST API's credential (draft-uberti-behave-turn-rest-00 §2.2) against values computed
 * apart from Java, with OpenSSL:
 * {@code printf '%s' 1700086400:alice | openssl dgst -sha1 -hmac north-wind-secret -binary | base64}.
 */
class TurnRestCredentialsTest {

    static final Clock AT_1700000000 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    @Test
    void usernameIsTheExpiryAndTheUserAndThePasswordItsHmacSha1InBase64() {
        TurnRestCredentials rest = new TurnRestCredentials("north-wind-secret", Duration.ofDays(1), AT_1700000000);
        TurnCredentials.Credential credential = rest.issue("alice");
        assertEquals("1700086400:alice", credential.username());
        assertEquals("B4h6iVPKLBEfsWdDRuUeZl3vUbo=", credential.password());
    }

    @Test
    void noUserNamedTakesTheDefaultUserPart() {
        TurnRestCredentials rest = new TurnRestCredentials("north-wind-secret", Duration.ofSeconds(60),
                Clock.offset(AT_1700000000, Duration.ofSeconds(-60)));
        TurnCredentials.Credential credential = rest.issue(null);
        assertEquals("1700000000:webims", credential.username());
        // printf '%s' 1700000000:webims | openssl dgst -sha1 -hmac north-wind-secret -binary | base64
        assertEquals("yzEEwHJ6810TX9jGgcEeMaYsRlk=", credential.password());
    }

    @Test
    void anEmptySecretOrANonPositiveLifetimeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TurnRestCredentials("", Duration.ofDays(1), AT_1700000000));
        assertThrows(IllegalArgumentException.class, () -> new TurnRestCredentials("s", Duration.ZERO, AT_1700000000));
    }
}
