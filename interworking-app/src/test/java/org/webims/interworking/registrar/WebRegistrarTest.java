package org.webims.interworking.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.Digest;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebSocketSipPeer;

/** The web registrar through a real SIP WebSocket connection into the deployed application. */
class WebRegistrarTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private InterworkingTestSupport support;

    @AfterEach
    void stop() {
        if (support != null) {
            support.close();
        }
    }

    private WebSocketSipPeer connect(Duration nonceLifetime) throws Exception {
        support = InterworkingTestSupport.start(dir, Optional.empty(), nonceLifetime);
        return support.webPeer();
    }

    @Test
    void challengesThenRegistersWithInstanceAndRegIdKept() throws Exception {
        try (WebSocketSipPeer web = connect(Duration.ofMinutes(5))) {
            String instance = "<urn:uuid:" + UUID.randomUUID() + ">";
            String callId = UUID.randomUUID().toString();
            web.send(InterworkingTestSupport.register("alice", callId, 1, instance, 600, null));
            SipText challenge = web.next("REGISTER", 200, WAIT);
            assertEquals(401, challenge.status());
            String www = challenge.header("WWW-Authenticate");
            assertTrue(www.contains("qop=\"auth\"") && www.contains("algorithm=MD5") && www.contains("realm=\"ims.test\""), www);

            String auth = Digest.authorization("alice", "alice-secret", "ims.test", SipText.param(www, "nonce"),
                    "REGISTER", "sip:ims.test", 1, "c1");
            web.send(InterworkingTestSupport.register("alice", callId, 2, instance, 600, auth));
            SipText ok = web.next("REGISTER", 200, WAIT);
            assertEquals(200, ok.status(), ok.startLine());
            String contact = ok.header("Contact");
            assertNotNull(contact);
            assertTrue(contact.contains("+sip.instance=\"" + instance + "\""), contact);
            assertTrue(contact.contains("reg-id=1"), contact);
            assertTrue(contact.matches(".*expires=(600|599).*"), contact);
            assertEquals("outbound", ok.header("Require"));
            assertTrue(support.registrations().isRegistered("alice"));
        }
    }

    @Test
    void wrongPasswordIsForbidden() throws Exception {
        try (WebSocketSipPeer web = connect(Duration.ofMinutes(5))) {
            String nonce = support.challengeNonce(web);
            String auth = Digest.authorization("alice", "guess", "ims.test", nonce, "REGISTER", "sip:ims.test", 1, "c1");
            web.send(InterworkingTestSupport.register("alice", UUID.randomUUID().toString(), 2, null, 600, auth));
            SipText refused = web.next("REGISTER", 200, WAIT);
            assertEquals(403, refused.status());
            assertTrue(!support.registrations().isRegistered("alice"));
        }
    }

    @Test
    void replayedNonceCountIsRefused() throws Exception {
        try (WebSocketSipPeer web = connect(Duration.ofMinutes(5))) {
            String nonce = support.challengeNonce(web);
            String callId = UUID.randomUUID().toString();
            String auth = Digest.authorization("alice", "alice-secret", "ims.test", nonce, "REGISTER", "sip:ims.test", 1, "c1");
            web.send(InterworkingTestSupport.register("alice", callId, 2, null, 600, auth));
            assertEquals(200, web.next("REGISTER", 200, WAIT).status());
            web.send(InterworkingTestSupport.register("alice", callId, 3, null, 600, auth)); // same nc=00000001
            SipText replay = web.next("REGISTER", 200, WAIT);
            assertEquals(403, replay.status());
            assertTrue(replay.startLine().contains("nonce-count"), replay.startLine());

            String next = Digest.authorization("alice", "alice-secret", "ims.test", nonce, "REGISTER", "sip:ims.test", 2, "c2");
            web.send(InterworkingTestSupport.register("alice", callId, 4, null, 600, next));
            assertEquals(200, web.next("REGISTER", 200, WAIT).status(), "a higher nonce-count is fine");
        }
    }

    @Test
    void expiredNonceIsChallengedAgainAsStale() throws Exception {
        try (WebSocketSipPeer web = connect(Duration.ofMillis(200))) {
            String nonce = support.challengeNonce(web);
            Thread.sleep(400); // past the nonce's lifetime: what the test is about, not a wait for a result
            String auth = Digest.authorization("alice", "alice-secret", "ims.test", nonce, "REGISTER", "sip:ims.test", 1, "c1");
            web.send(InterworkingTestSupport.register("alice", UUID.randomUUID().toString(), 2, null, 600, auth));
            SipText stale = web.next("REGISTER", 200, WAIT);
            assertEquals(401, stale.status());
            assertTrue(stale.header("WWW-Authenticate").contains("stale=true"), stale.header("WWW-Authenticate"));
            assertNotEquals(nonce, SipText.param(stale.header("WWW-Authenticate"), "nonce"));
        }
    }

    @Test
    void unregisterWithExpiresZeroRemovesTheBinding() throws Exception {
        try (WebSocketSipPeer web = connect(Duration.ofMinutes(5))) {
            support.registerAlice(web);
            assertTrue(support.registrations().isRegistered("alice"));
            String nonce = support.challengeNonce(web);
            String auth = Digest.authorization("alice", "alice-secret", "ims.test", nonce, "REGISTER", "sip:ims.test", 1, "c9");
            web.send(InterworkingTestSupport.register("alice", UUID.randomUUID().toString(), 2, InterworkingTestSupport.INSTANCE, 0, auth));
            SipText ok = web.next("REGISTER", 200, WAIT);
            assertEquals(200, ok.status());
            assertEquals(null, ok.header("Contact"));
            assertTrue(!support.registrations().isRegistered("alice"));
        }
    }

    @Test
    void foreignOriginIsRefusedAtTheUpgrade(@TempDir Path other) throws Exception {
        support = InterworkingTestSupport.start(other, Optional.empty(), Duration.ofMinutes(5));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> new WebSocketSipPeer(support.wsPort(), "https://evil.example").close());
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, refused.getResponse().statusCode());
        new WebSocketSipPeer(support.wsPort(), InterworkingTestSupport.ALLOWED_ORIGIN).close(); // the allowed one opens
    }
}
