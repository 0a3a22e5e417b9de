package org.webims.interworking.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.Jwt;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebSocketSipPeer;

/**
 * RFC 8898 bearer tokens signed by an authorization server that keeps its private key: the
 * profile's key file holds the issuer's PEM public key, and REGISTERs over a real SIP WebSocket
 * carry tokens signed ES256 or RS256 with the private half.
 */
class BearerPublicKeyRegistrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ISSUER = BearerRegistrationTest.ISSUER;

    @TempDir
    Path dir;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;

    private void startWith(KeyPair issuerKeys) throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(issuerKeys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        support = BearerRegistrationTest.startWithBearerKey(dir, "issuer.pem", pem.getBytes(StandardCharsets.US_ASCII));
        web = support.webPeer();
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        if (support != null) {
            support.close();
        }
    }

    private static KeyPair keys(String type) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(type);
        if (type.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        return g.generateKeyPair();
    }

    private static String claims(String sub) {
        long exp = Instant.now().getEpochSecond() + 3600;
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + sub + "\",\"aud\":\"webims\",\"exp\":" + exp + "}";
    }

    private SipText register(String user, String token) throws Exception {
        web.send(InterworkingTestSupport.register(user, UUID.randomUUID().toString(), 1, null, 600, "Bearer " + token));
        return web.next("REGISTER", 200, WAIT);
    }

    private static void assertInvalidToken(SipText refused) {
        assertEquals(401, refused.status(), refused.startLine());
        assertEquals("invalid_token", SipText.param(refused.header("WWW-Authenticate"), "error"));
    }

    @Test
    void es256TokenFromTheIssuersKeyRegistersAndOneFromAnotherKeyIsRefused() throws Exception {
        KeyPair issuer = keys("EC");
        startWith(issuer);
        assertInvalidToken(register("alice", Jwt.es256(claims("alice"), keys("EC").getPrivate())));
        assertFalse(support.registrations().isRegistered("alice"));
        SipText ok = register("alice", Jwt.es256(claims("alice"), issuer.getPrivate()));
        assertEquals(200, ok.status(), ok.startLine());
        assertTrue(support.registrations().isRegistered("alice"));
    }

    @Test
    void rs256TokenFromTheIssuersKeyRegisters() throws Exception {
        KeyPair issuer = keys("RSA");
        startWith(issuer);
        SipText ok = register("alice", Jwt.rs256(claims("alice"), issuer.getPrivate()));
        assertEquals(200, ok.status(), ok.startLine());
        assertTrue(support.registrations().isRegistered("alice"));
    }

    @Test
    void hs256TokenKeyedWithThePublicKeyItselfIsRefused() throws Exception {
        // RFC 8725 §2.1: the algorithm-confusion attack; the public key is no secret
        KeyPair issuer = keys("RSA");
        startWith(issuer);
        byte[] publicText = Files.readString(dir.resolve("issuer.pem")).strip().getBytes(StandardCharsets.UTF_8);
        assertInvalidToken(register("alice", Jwt.hs256(claims("alice"), publicText)));
        assertFalse(support.registrations().isRegistered("alice"));
    }
}
