package org.webims.webrtc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.srtp.DtlsSrtpKeys;
import org.webims.media.srtp.SrtpProfile;

/** Two DTLS-SRTP sessions talking over real UDP sockets on loopback. */
public class DtlsSessionTest {

    static final DtlsCertificate ALICE = DtlsCertificate.generate(Duration.ofDays(30));
    static final DtlsCertificate BOB = DtlsCertificate.generate(Duration.ofDays(30));

    final ExecutorService handshakes = Executors.newCachedThreadPool();
    final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
        handshakes.shutdownNow();
    }

    /** One end: a UDP socket, a reader thread feeding the session, the outcome as futures. */
    final class End implements AutoCloseable {
        final DatagramChannel channel;
        final CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
        final CompletableFuture<String> failure = new CompletableFuture<>();
        final CompletableFuture<Boolean> closed = new CompletableFuture<>();
        volatile InetSocketAddress peer;
        /** How many of the next datagrams this end loses on the way in (a lossy path). */
        final java.util.concurrent.atomic.AtomicInteger toLose = new java.util.concurrent.atomic.AtomicInteger();
        DtlsSession session;
        final Thread reader;

        End() throws Exception {
            channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            reader = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocate(2048);
                try {
                    while (channel.isOpen()) {
                        buf.clear();
                        channel.receive(buf);
                        if (session != null && !lose()) {
                            session.receive(buf.array(), 0, buf.position());
                        }
                    }
                } catch (Exception closing) {
                    // socket closed at the end of the test
                }
            });
            reader.setDaemon(true);
            reader.start();
            closeAfter.add(this);
        }

        boolean lose() {
            return toLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }

        InetSocketAddress address() throws Exception {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        void start(DtlsCertificate own, DtlsSession.Role role, String remoteFingerprint, Duration timeout) {
            session = new DtlsSession(own, role, remoteFingerprint,
                    (b, o, l) -> channel.send(ByteBuffer.wrap(b, o, l), peer), handshakes, timeout,
                    new DtlsSession.Listener() {
                        @Override public void connected(DtlsSrtpKeys k) { keys.complete(k); }
                        @Override public void failed(String reason) { failure.complete(reason); }
                        @Override public void closed(boolean closeNotify) { closed.complete(closeNotify); }
                    });
            session.start();
        }

        @Override
        public void close() throws Exception {
            if (session != null) {
                session.close();
            }
            channel.close();
        }
    }

    End[] pair() throws Exception {
        End a = new End();
        End b = new End();
        a.peer = b.address();
        b.peer = a.address();
        return new End[] {a, b};
    }

    @Test
    void handshakeGivesBothSidesMirroredSrtpKeys() throws Exception {
        End[] ends = pair();
        ends[1].start(BOB, DtlsSession.Role.SERVER, ALICE.fingerprint(), Duration.ofSeconds(10));
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, BOB.fingerprint(), Duration.ofSeconds(10));
        DtlsSrtpKeys client = ends[0].keys.get(10, TimeUnit.SECONDS);
        DtlsSrtpKeys server = ends[1].keys.get(10, TimeUnit.SECONDS);
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, client.local().profile(), "our first preference");
        assertEquals(client.local().profile(), server.local().profile());
        assertArrayEquals(client.local().key(), server.remote().key());
        assertArrayEquals(client.local().salt(), server.remote().salt());
        assertArrayEquals(server.local().key(), client.remote().key());
        assertEquals(16, client.local().key().length);
        assertEquals(12, client.local().salt().length);
        assertTrue(!java.util.Arrays.equals(client.local().key(), client.remote().key()), "a key per direction");
        assertEquals(DtlsSession.State.CONNECTED, ends[0].session.state());
    }

    /** RFC 5764 §4.1.1: a client that offers only AES_CM_128_HMAC_SHA1_80 gets it, keyed as it derives. */
    @Test
    void aClientOfferingOnlyAesCm80GetsItWithMirroredKeys() throws Exception {
        DtlsSrtpKeys keys = serverKeysForAClientOfferingOnly(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertEquals(16, keys.local().key().length);
        assertEquals(14, keys.local().salt().length);
    }

    /** RFC 7714 §14.2: SRTP_AEAD_AES_256_GCM, our second choice, for a client that offers it alone. */
    @Test
    void aClientOfferingOnlyAes256GcmGetsItWithMirroredKeys() throws Exception {
        DtlsSrtpKeys keys = serverKeysForAClientOfferingOnly(SrtpProfile.AEAD_AES_256_GCM);
        assertEquals(32, keys.local().key().length);
        assertEquals(12, keys.local().salt().length);
    }

    /** Our server's keys after a handshake with a client offering {@code only}; checks they mirror the client's. */
    private DtlsSrtpKeys serverKeysForAClientOfferingOnly(SrtpProfile only) throws Exception {
        End server = new End();
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.connect(server.address());
            server.peer = (InetSocketAddress) socket.getLocalSocketAddress();
            server.start(BOB, DtlsSession.Role.SERVER, ALICE.fingerprint(), Duration.ofSeconds(10));
            OneProfileClient client = new OneProfileClient(
                    new org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider().create(new java.security.SecureRandom()),
                    ALICE, BOB.fingerprint(), only);
            java.util.concurrent.Future<org.bouncycastle.tls.DTLSTransport> connected = handshakes.submit(() ->
                    new org.bouncycastle.tls.DTLSClientProtocol().connect(client, new org.bouncycastle.tls.UDPTransport(socket, 1500)));
            DtlsSrtpKeys keys = server.keys.get(10, TimeUnit.SECONDS);
            connected.get(10, TimeUnit.SECONDS);
            assertEquals(only, keys.local().profile());
            assertEquals(only, server.session.srtpProfile());
            assertArrayEquals(new int[] {only.dtlsProfileId()}, server.session.peerOfferedSrtpProfiles());
            assertArrayEquals(client.policy.keys().local().key(), keys.remote().key(), "the client's write key");
            assertArrayEquals(client.policy.keys().remote().salt(), keys.local().salt(), "our write salt");
            return keys;
        }
    }

    @Test
    void wrongFingerprintFailsTheHandshake() throws Exception {
        End[] ends = pair();
        String wrong = DtlsCertificate.generate(Duration.ofDays(1)).fingerprint();
        ends[1].start(BOB, DtlsSession.Role.SERVER, ALICE.fingerprint(), Duration.ofSeconds(10));
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, wrong, Duration.ofSeconds(10));
        String reason = ends[0].failure.get(10, TimeUnit.SECONDS);
        assertTrue(reason.contains("bad_certificate"), reason);
        assertNotNull(ends[1].failure.get(10, TimeUnit.SECONDS), "the server sees the alert too");
        assertTrue(!ends[0].keys.isDone() && !ends[1].keys.isDone(), "no keys, so no media");
    }

    @Test
    void serverRejectsClientWhoseCertificateDoesNotMatch() throws Exception {
        End[] ends = pair();
        String wrong = DtlsCertificate.generate(Duration.ofDays(1)).fingerprint();
        ends[1].start(BOB, DtlsSession.Role.SERVER, wrong, Duration.ofSeconds(10));
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, BOB.fingerprint(), Duration.ofSeconds(10));
        String reason = ends[1].failure.get(10, TimeUnit.SECONDS);
        assertTrue(reason.contains("bad_certificate"), reason);
        assertTrue(!ends[1].keys.isDone());
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        End[] ends = pair();
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, BOB.fingerprint(), Duration.ofMillis(1500));
        String reason = ends[0].failure.get(10, TimeUnit.SECONDS);
        assertNotNull(reason);
        assertEquals(DtlsSession.State.FAILED, ends[0].session.state());
    }

    /** RFC 6347 §4.2.4: a lost flight is sent again when its timer fires, both ways. */
    @Test
    void lostFlightsAreRetransmittedAndTheHandshakeCompletes() throws Exception {
        End[] ends = pair();
        ends[1].toLose.set(1); // the ClientHello
        ends[0].toLose.set(2); // the first copy of the server's flight (it may span two datagrams)
        ends[1].start(BOB, DtlsSession.Role.SERVER, ALICE.fingerprint(), Duration.ofSeconds(20));
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, BOB.fingerprint(), Duration.ofSeconds(20));
        assertNotNull(ends[0].keys.get(20, TimeUnit.SECONDS));
        assertNotNull(ends[1].keys.get(20, TimeUnit.SECONDS));
        assertEquals(0, ends[0].toLose.get() + ends[1].toLose.get(), "every loss happened");
    }

    @Test
    void garbageBeforeTheHandshakeIsIgnored() throws Exception {
        End[] ends = pair();
        ends[1].start(BOB, DtlsSession.Role.SERVER, ALICE.fingerprint(), Duration.ofSeconds(10));
        byte[] junk = new byte[300];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 22; // looks like a handshake record
        for (int i = 0; i < 5; i++) {
            ends[1].session.receive(junk, 0, junk.length);
        }
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, BOB.fingerprint(), Duration.ofSeconds(10));
        assertNotNull(ends[0].keys.get(10, TimeUnit.SECONDS));
        assertNotNull(ends[1].keys.get(10, TimeUnit.SECONDS));
    }

    /**
     * A ClientHello fragment claiming a 16 MiB message (RFC 6347 §4.2.2 allows 2^24 - 1) would make
     * BouncyCastle allocate all of it and hold message 0 for it, so the real ClientHello (same
     * message_seq, another length) would be ignored and the handshake would stall.
     */
    @Test
    void aHandshakeFragmentClaimingAnOversizeMessageIsRefusedAndTheRealHandshakeCompletes() throws Exception {
        End[] ends = pair();
        ends[1].start(BOB, DtlsSession.Role.SERVER, ALICE.fingerprint(), Duration.ofSeconds(10));
        byte[] fragment = new byte[100];
        ByteBuffer claim = ByteBuffer.allocate(13 + 12 + fragment.length);
        claim.put((byte) 22).putShort((short) 0xFEFD).putShort((short) 0).putShort((short) 0).putInt(0)
                .putShort((short) (12 + fragment.length));
        claim.put((byte) 1).put((byte) 0xFF).putShort((short) 0xFFFF) // client_hello of 2^24 - 1 bytes
                .putShort((short) 0).put((byte) 0).putShort((short) 0)  // message_seq 0, fragment_offset 0
                .put((byte) 0).putShort((short) fragment.length).put(fragment);
        try (DatagramChannel attacker = DatagramChannel.open()) {
            attacker.send(ByteBuffer.wrap(claim.array()), ends[1].address());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ends[1].session.oversizeHandshakes() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, ends[1].session.oversizeHandshakes(), "the claim is refused before BouncyCastle");
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, BOB.fingerprint(), Duration.ofSeconds(10));
        assertNotNull(ends[0].keys.get(10, TimeUnit.SECONDS));
        assertNotNull(ends[1].keys.get(10, TimeUnit.SECONDS));
        assertEquals(1, ends[1].session.oversizeHandshakes(), "a real peer's messages fit the bound");
    }

    /** Alice the client, Bob the server, keyed. */
    End[] connectedPair() throws Exception {
        End[] ends = pair();
        ends[1].start(BOB, DtlsSession.Role.SERVER, ALICE.fingerprint(), Duration.ofSeconds(10));
        ends[0].start(ALICE, DtlsSession.Role.CLIENT, BOB.fingerprint(), Duration.ofSeconds(10));
        ends[0].keys.get(10, TimeUnit.SECONDS);
        ends[1].keys.get(10, TimeUnit.SECONDS);
        return ends;
    }

    @Test
    void closeNotifyReachesThePeer() throws Exception {
        End[] ends = connectedPair();
        ends[0].session.close();
        assertTrue(ends[1].closed.get(10, TimeUnit.SECONDS), "ended by the peer's close_notify");
        assertEquals(DtlsSession.State.CLOSED, ends[1].session.state());
        assertTrue(ends[1].session.closeNotifyReceived());
        assertEquals(1, ends[1].session.alertsReceived());
    }

    /**
     * A close_notify is only the peer's inside the session (RFC 6347 §4.1.2.7: a record that fails
     * its protection is discarded): a forged one, in the clear at epoch 0 or at epoch 1 without the
     * session's keys, leaves the association up; the peer's own close still ends it.
     */
    @Test
    void aForgedCloseNotifyIsDiscardedAndThePeersOwnStillEndsTheSession() throws Exception {
        End[] ends = connectedPair();
        for (byte[] forged : forgedCloseNotifies()) {
            ends[1].session.receive(forged, 0, forged.length); // as if from the peer's address
        }
        Thread.sleep(500); // the executor has long drained them: nothing to wait for but their absence
        assertTrue(!ends[1].closed.isDone(), "no forged record ends the session");
        assertEquals(DtlsSession.State.CONNECTED, ends[1].session.state());
        assertEquals(0, ends[1].session.alertsReceived(), "no forged alert was taken as the peer's");
        ends[0].session.close();
        assertTrue(ends[1].closed.get(10, TimeUnit.SECONDS), "the peer's own close_notify");
    }

    /** DTLS 1.2 alert records (RFC 6347 §4.1) saying close_notify: in the clear at epoch 0, and at epoch 1 with no valid protection. */
    public static List<byte[]> forgedCloseNotifies() {
        byte[] clear = {21, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 9, 0, 2, 1, 0};
        byte[] epochOne = new byte[13 + 2 + 8 + 16]; // explicit nonce, the alert, a GCM tag's worth of garbage
        epochOne[0] = 21;
        epochOne[1] = (byte) 0xfe;
        epochOne[2] = (byte) 0xfd;
        epochOne[4] = 1;
        epochOne[10] = 5;
        epochOne[12] = (byte) (epochOne.length - 13);
        epochOne[13 + 8] = 1;
        return List.of(clear, epochOne);
    }

    @Test
    void fingerprintIsSha256InSdpForm() {
        String fp = ALICE.fingerprint();
        assertTrue(fp.matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), fp);
        assertTrue(DtlsCertificate.matches(fp.toLowerCase(), ALICE.der()), "hex case does not matter");
        assertTrue(!DtlsCertificate.matches("sha-1 " + fp.substring(8), ALICE.der()));
    }
}
