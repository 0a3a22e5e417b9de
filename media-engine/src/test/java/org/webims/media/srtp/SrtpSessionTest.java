package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.webims.media.sdp.CryptoKey;

/** Sender and receiver behaviour: round trips, authentication, replay, rollover, limits. */
class SrtpSessionTest {

    private static final int SSRC = 0x11223344;

    private static SrtpSender sender(SrtpProfile p) {
        return new SrtpSender(Packets.key(p, 1), SrtpSettings.DEFAULTS);
    }

    private static SrtpReceiver receiver(SrtpProfile p) {
        return new SrtpReceiver(Packets.key(p, 1), SrtpSettings.DEFAULTS);
    }

    /** Protects packet seq and returns the wire bytes (exact length). */
    private static byte[] protectRtp(SrtpSender s, int ssrc, int seq, int payload) {
        byte[] b = Packets.rtp(ssrc, seq, payload);
        assertEquals(SrtpResult.OK, s.protectRtp(b, 0, 12 + payload));
        return Arrays.copyOf(b, 12 + payload + s.profile().srtpOverhead());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtpRoundTripRestoresThePacket(SrtpProfile p) {
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        for (int seq = 100; seq < 110; seq++) {
            byte[] plain = Packets.rtp(SSRC, seq, 160);
            byte[] wire = protectRtp(s, SSRC, seq, 160);
            assertFalse(Arrays.equals(Arrays.copyOfRange(plain, 12, 172), Arrays.copyOfRange(wire, 12, 172)),
                    "payload is encrypted");
            assertEquals(SrtpResult.OK, r.unprotectRtp(wire, 0, wire.length));
            assertArrayEquals(Arrays.copyOf(plain, 172), Arrays.copyOf(wire, 172));
        }
        assertEquals(10, r.counters().get(SrtpResult.OK));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpRoundTripRestoresThePacketAndCarriesTheIndex(SrtpProfile p) {
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        for (int i = 0; i < 3; i++) {
            byte[] plain = Packets.rtcp(SSRC, 24);
            byte[] b = plain.clone();
            assertEquals(SrtpResult.OK, s.protectRtcp(b, 0, 32));
            int len = 32 + p.srtcpOverhead();
            int word = PacketLayout.readInt(b, len - (p.aead() ? 4 : 4 + p.srtcpTagLength()));
            assertEquals(0x80000000 | i, word, "E flag set, index counts from 0 (RFC 3711 §3.4)");
            assertEquals(SrtpResult.OK, r.unprotectRtcp(b, 0, len));
            assertArrayEquals(Arrays.copyOf(plain, 32), Arrays.copyOf(b, 32));
        }
    }

    @Test
    void hmacSha1_32TagIs4BytesOnSrtpAnd10OnSrtcp() {
        SrtpSender s = sender(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
        SrtpReceiver r = receiver(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
        byte[] wire = protectRtp(s, SSRC, 1, 160);
        assertEquals(172 + 4, wire.length);
        assertEquals(SrtpResult.OK, r.unprotectRtp(wire, 0, wire.length));

        byte[] rtcp = Packets.rtcp(SSRC, 0);
        assertEquals(SrtpResult.OK, s.protectRtcp(rtcp, 0, 8));
        assertEquals(4 + 10, SrtpProfile.AES_CM_128_HMAC_SHA1_32.srtcpOverhead());
        assertEquals(0x80000000, PacketLayout.readInt(rtcp, 8), "index word right after the packet");
        assertEquals(SrtpResult.OK, r.unprotectRtcp(rtcp, 0, 8 + 14));
        // one byte short of the 80-bit tag does not authenticate
        byte[] again = Packets.rtcp(SSRC, 4);
        s.protectRtcp(again, 0, 12);
        assertEquals(SrtpResult.AUTH_FAILED, r.unprotectRtcp(again, 0, 12 + 13));
        assertEquals(SrtpResult.OK, r.unprotectRtcp(again, 0, 12 + 14));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aFlippedBitFailsAuthenticationIsCountedAndTheNextPacketStillPasses(SrtpProfile p) {
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        byte[] good = protectRtp(s, SSRC, 5, 160);
        for (int bit : new int[] {3 * 8, 12 * 8 + 5, (good.length - 1) * 8}) { // header, payload, tag
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(SrtpResult.AUTH_FAILED, r.unprotectRtp(bad, 0, bad.length));
        }
        byte[] rtcp = Packets.rtcp(SSRC, 16);
        s.protectRtcp(rtcp, 0, 24);
        rtcp[10] ^= 0x40;
        assertEquals(SrtpResult.AUTH_FAILED, r.unprotectRtcp(rtcp, 0, 24 + p.srtcpOverhead()));
        assertEquals(4, r.counters().get(SrtpResult.AUTH_FAILED));
        assertEquals(0, r.ssrcCount(), "no context for an SSRC whose packets never authenticated");
        assertEquals(SrtpResult.OK, r.unprotectRtp(good, 0, good.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedPacketIsRejectedAndCounted(SrtpProfile p) {
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        byte[] wire = protectRtp(s, SSRC, 7, 160);
        byte[] copy = wire.clone();
        assertEquals(SrtpResult.OK, r.unprotectRtp(wire, 0, wire.length));
        assertEquals(SrtpResult.REPLAYED, r.unprotectRtp(copy, 0, copy.length));

        byte[] rtcp = Packets.rtcp(SSRC, 8);
        s.protectRtcp(rtcp, 0, 16);
        byte[] rtcpCopy = rtcp.clone();
        int len = 16 + p.srtcpOverhead();
        assertEquals(SrtpResult.OK, r.unprotectRtcp(rtcp, 0, len));
        assertEquals(SrtpResult.REPLAYED, r.unprotectRtcp(rtcpCopy, 0, len));
        assertEquals(2, r.counters().get(SrtpResult.REPLAYED));
        assertEquals(2, r.counters().get(SrtpResult.OK), "one RTP and one RTCP packet went through");
        assertEquals(2, r.counters().dropped(), "the replays are the only drops");
        assertEquals(2, s.counters().get(SrtpResult.OK), "the sender counts what it protected");
        assertEquals(0, s.counters().dropped());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void interleavedSsrcsKeepTheirOwnIndexAndWindow(SrtpProfile p) {
        // a cache of the last SSRC's context (the SSRC table's, tried in the context set by decision 0048)
        // must never hand one SSRC's context to another
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        int other = SSRC + 1;
        byte[] a1 = protectRtp(s, SSRC, 5, 40);
        byte[] b1 = protectRtp(s, other, 5, 40);
        byte[] a2 = protectRtp(s, SSRC, 6, 40);
        byte[] bFar = protectRtp(s, other, 30000, 40);
        byte[] a3 = protectRtp(s, SSRC, 7, 40);
        byte[] b1again = b1.clone();
        byte[] a1again = a1.clone();
        assertEquals(SrtpResult.OK, r.unprotectRtp(a1, 0, a1.length));
        assertEquals(SrtpResult.OK, r.unprotectRtp(b1, 0, b1.length), "same index, another SSRC: not a replay");
        assertEquals(SrtpResult.OK, r.unprotectRtp(a2, 0, a2.length));
        assertEquals(SrtpResult.REPLAYED, r.unprotectRtp(b1again, 0, b1again.length));
        assertEquals(SrtpResult.REPLAYED, r.unprotectRtp(a1again, 0, a1again.length));
        assertEquals(SrtpResult.OK, r.unprotectRtp(bFar, 0, bFar.length));
        assertEquals(SrtpResult.OK, r.unprotectRtp(a3, 0, a3.length), "the other SSRC's jump moved only its own window");
        assertEquals(2, r.ssrcCount());
    }

    @Test
    void packetsOutOfOrderWithinTheWindowAreAcceptedAndOlderOnesRejected() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        byte[][] wire = new byte[200][];
        for (int seq = 0; seq < 200; seq++) {
            wire[seq] = protectRtp(s, SSRC, 1000 + seq, 40);
        }
        assertEquals(SrtpResult.OK, r.unprotectRtp(wire[0], 0, wire[0].length));
        assertEquals(SrtpResult.OK, r.unprotectRtp(wire[100], 0, wire[100].length));
        for (int seq = 99; seq > 36; seq--) { // within 64 of the highest (100), in reverse
            assertEquals(SrtpResult.OK, r.unprotectRtp(wire[seq], 0, wire[seq].length), "seq " + seq);
        }
        assertEquals(SrtpResult.REPLAYED, r.unprotectRtp(wire[36], 0, wire[36].length), "64 behind: outside");
        assertEquals(SrtpResult.REPLAYED, r.unprotectRtp(wire[1], 0, wire[1].length));
    }

    @Test
    void aConfiguredWindowOf128AcceptsWhatTheDefaultRejects() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpSender s = sender(p);
        SrtpReceiver r = new SrtpReceiver(Packets.key(p, 1), new SrtpSettings(8, 128));
        byte[] old = protectRtp(s, SSRC, 10, 40);
        byte[] recent = protectRtp(s, SSRC, 110, 40);
        assertEquals(SrtpResult.OK, r.unprotectRtp(recent, 0, recent.length));
        assertEquals(SrtpResult.OK, r.unprotectRtp(old, 0, old.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sequenceWrapAcross65535IncrementsTheRolloverCounterAndStillDecrypts(SrtpProfile p) {
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        byte[] late = null;
        for (int i = 0; i < 20; i++) {
            int seq = (65530 + i) & 0xffff;
            byte[] plain = Packets.rtp(SSRC, seq, 160);
            byte[] wire = protectRtp(s, SSRC, seq, 160);
            if (seq == 65534) {
                late = wire; // delivered after the wrap
                continue;
            }
            assertEquals(SrtpResult.OK, r.unprotectRtp(wire, 0, wire.length), "seq " + seq);
            assertArrayEquals(Arrays.copyOf(plain, 172), Arrays.copyOf(wire, 172), "seq " + seq);
        }
        assertEquals(1, r.rolloverCounter(SSRC));
        assertEquals(SrtpResult.OK, r.unprotectRtp(late, 0, late.length), "pre-wrap packet keeps ROC 0");
        assertEquals(1, r.rolloverCounter(SSRC));
    }

    @Test
    void aWrongRolloverGuessFailsAuthenticationRatherThanDecryptingGarbage() {
        // the sender has wrapped twice before the receiver sees a packet: the receiver assumes ROC 0
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpSender s = sender(p);
        for (int i = 0; i < 3 * 65536; i += 30000) {
            protectRtp(s, SSRC, i & 0xffff, 10);
        }
        byte[] wire = protectRtp(s, SSRC, 5, 10);
        assertEquals(SrtpResult.AUTH_FAILED, receiver(p).unprotectRtp(wire, 0, wire.length));
    }

    @Test
    void theSenderRefusesToProtectAnIndexTwice() {
        SrtpSender s = sender(SrtpProfile.AEAD_AES_128_GCM);
        protectRtp(s, SSRC, 9, 20);
        byte[] b = Packets.rtp(SSRC, 9, 20);
        assertEquals(SrtpResult.REPLAYED, s.protectRtp(b, 0, 32));
        assertArrayEquals(Packets.rtp(SSRC, 9, 20), b, "left untouched");
    }

    @Test
    void packetsOfSsrcsBeyondTheLimitAreDroppedAndCounted() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpSettings two = new SrtpSettings(2, 64);
        SrtpSender s = new SrtpSender(Packets.key(p, 1), SrtpSettings.DEFAULTS);
        SrtpReceiver r = new SrtpReceiver(Packets.key(p, 1), two);
        for (int ssrc = 1; ssrc <= 3; ssrc++) {
            byte[] wire = protectRtp(s, ssrc, 1, 20);
            assertEquals(ssrc <= 2 ? SrtpResult.OK : SrtpResult.SSRC_LIMIT, r.unprotectRtp(wire, 0, wire.length));
        }
        byte[] known = protectRtp(s, 2, 2, 20);
        assertEquals(SrtpResult.OK, r.unprotectRtp(known, 0, known.length));
        assertEquals(1, r.counters().get(SrtpResult.SSRC_LIMIT));
        assertEquals(2, r.ssrcCount());

        SrtpSender limited = new SrtpSender(Packets.key(p, 1), two);
        protectRtp(limited, 1, 1, 10);
        protectRtp(limited, 2, 1, 10);
        assertEquals(SrtpResult.SSRC_LIMIT, limited.protectRtp(Packets.rtp(3, 1, 10), 0, 22));
    }

    @Test
    void theKeyLifetimeLimitsProtectedPackets() throws Exception {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        CryptoKey inline = new CryptoKey(Packets.key(p, 1).toSdes().keySaltBase64(), "2^2", 0, 0);
        SrtpSender s = new SrtpSender(SrtpMasterKey.fromSdes(p, inline), SrtpSettings.DEFAULTS);
        SrtpReceiver r = new SrtpReceiver(SrtpMasterKey.fromSdes(p, inline), SrtpSettings.DEFAULTS);
        for (int seq = 0; seq < 4; seq++) {
            byte[] wire = protectRtp(s, SSRC, seq, 10);
            assertEquals(SrtpResult.OK, r.unprotectRtp(wire, 0, wire.length));
        }
        assertEquals(SrtpResult.KEY_EXHAUSTED, s.protectRtp(Packets.rtp(SSRC, 4, 10), 0, 22));
        assertEquals(4, s.srtpPackets());
        assertEquals(1, s.counters().get(SrtpResult.KEY_EXHAUSTED));
    }

    @Test
    void headerExtensionAndCsrcsStayInTheClearAndAuthenticated() {
        SrtpProfile p = SrtpProfile.AEAD_AES_128_GCM;
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        byte[] b = new byte[12 + 8 + 8 + 20 + 64];
        b[0] = (byte) 0x92; // V=2, X=1, CC=2
        AesCmHmacSha1Cipher.writeInt(b, 8, SSRC);
        b[20] = (byte) 0xBE; // one-byte header extension profile, 1 word
        b[21] = (byte) 0xDE;
        b[23] = 1;
        b[24] = 0x10;
        b[25] = 0x55;
        byte[] plain = b.clone();
        assertEquals(SrtpResult.OK, s.protectRtp(b, 0, 48));
        assertArrayEquals(Arrays.copyOf(plain, 28), Arrays.copyOf(b, 28), "header untouched");
        byte[] tampered = b.clone();
        tampered[25] ^= 1;
        assertEquals(SrtpResult.AUTH_FAILED, r.unprotectRtp(tampered, 0, 64));
        assertEquals(SrtpResult.OK, r.unprotectRtp(b, 0, 64));
        assertArrayEquals(Arrays.copyOf(plain, 48), Arrays.copyOf(b, 48));
    }

    @Test
    void shortMalformedAndRoomlessPacketsGetTheirOwnResults() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        assertEquals(SrtpResult.TOO_SHORT, r.unprotectRtp(new byte[21], 0, 21));
        byte[] v1 = new byte[40];
        v1[0] = 0x40;
        assertEquals(SrtpResult.MALFORMED, r.unprotectRtp(v1, 0, 40));
        byte[] csrcsPastEnd = new byte[30];
        csrcsPastEnd[0] = (byte) 0x8F; // 15 CSRCs
        assertEquals(SrtpResult.MALFORMED, r.unprotectRtp(csrcsPastEnd, 0, 30));
        assertEquals(SrtpResult.TOO_SHORT, r.unprotectRtcp(new byte[21], 0, 21));
        assertEquals(SrtpResult.NO_ROOM, s.protectRtp(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 12));
        assertEquals(1, s.counters().get(SrtpResult.NO_ROOM));
        assertEquals(2, r.counters().get(SrtpResult.TOO_SHORT));
        assertEquals(2, r.counters().get(SrtpResult.MALFORMED));
    }

    @Test
    void packetsAtAnOffsetInALargerBufferRoundTrip() {
        SrtpProfile p = SrtpProfile.AEAD_AES_256_GCM;
        SrtpSender s = sender(p);
        SrtpReceiver r = receiver(p);
        byte[] plain = Packets.rtp(SSRC, 77, 100);
        byte[] buf = new byte[300];
        System.arraycopy(plain, 0, buf, 50, 112);
        assertEquals(SrtpResult.OK, s.protectRtp(buf, 50, 112));
        assertEquals(SrtpResult.OK, r.unprotectRtp(buf, 50, 128));
        assertArrayEquals(Arrays.copyOf(plain, 112), Arrays.copyOfRange(buf, 50, 162));
    }

    @Test
    void aReceiverWithAnotherKeyAuthenticatesNothing() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpSender s = sender(p);
        SrtpReceiver other = new SrtpReceiver(Packets.key(p, 2), SrtpSettings.DEFAULTS);
        byte[] wire = protectRtp(s, SSRC, 1, 50);
        assertEquals(SrtpResult.AUTH_FAILED, other.unprotectRtp(wire, 0, wire.length));
    }
}
