package org.webims.interworking.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.Jwt;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebSocketSipPeer;

/**
 * Web registration with RFC 8898 bearer tokens, as a carrier profile's web-access asks: the
 * application deployed with a profile naming the issuer and the HS256 key file, REGISTERs over a
 * real SIP WebSocket.
 */
class BearerRegistrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    static final String ISSUER = "https://auth.ims.test";
    private static final byte[] KEY = "a-shared-secret-of-32-bytes-or-more!".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;

    @BeforeEach
    void start() throws Exception {
        support = startWithBearerKey(dir, "bearer.key", KEY);
        web = support.webPeer();
    }

    /**
     * The application deployed with a profile whose web access takes bearer tokens from
     * {@link #ISSUER} for audience "webims", checked with the key file of these contents.
     */
    static InterworkingTestSupport startWithBearerKey(Path dir, String keyFileName, byte[] keyFile) throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve(keyFileName), keyFile);
        return InterworkingTestSupport.startWithProfile(dir, Optional.empty(), Duration.ofMinutes(5),
                profile -> profile.replaceFirst("<digest [^>]*/>",
                        "<bearer issuer=\"" + ISSUER + "\" key-file=\"" + keyFileName + "\" audience=\"webims\"/>"));
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

    private static String claims(String sub, String aud, long exp) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":" + exp + "}";
    }

    private static long inAnHour() {
        return Instant.now().getEpochSecond() + 3600;
    }

    private SipText register(String user, String token) throws Exception {
        web.send(InterworkingTestSupport.register(user, UUID.randomUUID().toString(), 1, null, 600,
                token == null ? null : "Bearer " + token));
        return web.next("REGISTER", 200, WAIT);
    }

    @Test
    void registerWithoutTokenIsChallengedForABearerTokenFromTheIssuer() throws Exception {
        SipText challenge = register("alice", null);
        assertEquals(401, challenge.status());
        String www = challenge.header("WWW-Authenticate");
        assertTrue(www.startsWith("Bearer "), www);
        assertEquals(ISSUER, SipText.param(www, "authz_server"));
        assertEquals(InterworkingTestSupport.DOMAIN, SipText.param(www, "realm"));
        assertFalse(www.contains("error="), www);
    }

    @Test
    void tokenSignedWithTheSharedKeyRegistersItsSubject() throws Exception {
        SipText ok = register("alice", Jwt.hs256(claims("alice", "webims", inAnHour()), KEY));
        assertEquals(200, ok.status(), ok.startLine());
        assertTrue(support.registrations().isRegistered("alice"));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefusedAsInvalidToken() throws Exception {
        byte[] other = "another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8);
        SipText refused = register("alice", Jwt.hs256(claims("alice", "webims", inAnHour()), other));
        assertEquals(401, refused.status());
        assertEquals("invalid_token", SipText.param(refused.header("WWW-Authenticate"), "error"));
        assertFalse(support.registrations().isRegistered("alice"));
    }

    @Test
    void unsignedTokenIsRefusedAsInvalidToken() throws Exception {
        SipText refused = register("alice", Jwt.unsigned(claims("alice", "webims", inAnHour())));
        assertEquals(401, refused.status());
        assertEquals("invalid_token", SipText.param(refused.header("WWW-Authenticate"), "error"));
        assertFalse(support.registrations().isRegistered("alice"));
    }

    @Test
    void expiredTokenIsRefusedAsInvalidToken() throws Exception {
        SipText refused = register("alice", Jwt.hs256(claims("alice", "webims", Instant.now().getEpochSecond() - 60), KEY));
        assertEquals(401, refused.status());
        assertEquals("invalid_token", SipText.param(refused.header("WWW-Authenticate"), "error"));
        assertFalse(support.registrations().isRegistered("alice"));
    }

    @Test
    void tokenForAnotherAudienceIsRefusedAsInvalidToken() throws Exception {
        SipText refused = register("alice", Jwt.hs256(claims("alice", "another-service", inAnHour()), KEY));
        assertEquals(401, refused.status());
        assertEquals("invalid_token", SipText.param(refused.header("WWW-Authenticate"), "error"));
    }

    @Test
    void tokenOfOneUserCannotRegisterAnothersAddressOfRecord() throws Exception {
        SipText refused = register("alice", Jwt.hs256(claims("bob", "webims", inAnHour()), KEY));
        assertEquals(403, refused.status(), refused.startLine());
        assertFalse(support.registrations().isRegistered("alice"));
        assertFalse(support.registrations().isRegistered("bob"));
    }

    @Test
    void aWebInviteWithoutTokenIsChallengedForABearerTokenToo() throws Exception {
        // RFC 8898 §2.1: the scheme covers every request a web user makes, not only REGISTER
        String callId = UUID.randomUUID().toString();
        web.send("INVITE sip:+4930777@" + InterworkingTestSupport.DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + WebSocketSipPeer.INVALID_HOST + ";branch=z9hG4bKinv" + callId.hashCode() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:+4930777@" + InterworkingTestSupport.DOMAIN + ">\r\n"
                + "From: <sip:alice@" + InterworkingTestSupport.DOMAIN + ">;tag=inv1\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:alicex@" + WebSocketSipPeer.INVALID_HOST + ";transport=ws>\r\n"
                + "Content-Length: 0\r\n\r\n");
        SipText challenge = web.next("INVITE", 200, WAIT);
        assertEquals(401, challenge.status());
        assertTrue(challenge.header("WWW-Authenticate").startsWith("Bearer "), challenge.header("WWW-Authenticate"));
    }

    @Test
    void tokenForAUserWeDoNotKnowIsForbidden() throws Exception {
        SipText refused = register("mallory", Jwt.hs256(claims("mallory", "webims", inAnHour()), KEY));
        assertEquals(403, refused.status(), refused.startLine());
    }
}
