package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.srtp.Packets.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Known answers: RFC 3711 Appendix B.2 and B.3, RFC 7714 §16 and §17, libsrtp's self-test packets. */
class RfcTestVectorsTest {

    private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void keyDerivationMatchesRfc3711AppendixB3() {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087",
                Packets.hex(SrtpKeyDerivation.derive(B3_MASTER_KEY, B3_MASTER_SALT, 0, 16), 0, 16));
        assertEquals("30cbbc08863d8c85d49db34a9ae1",
                Packets.hex(SrtpKeyDerivation.derive(B3_MASTER_KEY, B3_MASTER_SALT, 2, 14), 0, 14));
        // 94 bytes run the PRF's block counter across six blocks
        assertArrayEquals(hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"),
                SrtpKeyDerivation.derive(B3_MASTER_KEY, B3_MASTER_SALT, 1, 94));
    }

    @Test
    void sessionKeysOfAMasterKeyAreTheB3Values() throws Exception {
        SessionKeys keys = SrtpKeyDerivation.srtpKeys(
                SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_MASTER_KEY, B3_MASTER_SALT));
        assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"), keys.encryptionKey());
        assertArrayEquals(hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), keys.authKey());
        assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"), keys.salt());
    }

    @Test
    void aesCmKeystreamMatchesRfc3711AppendixB2() {
        SessionKeys keys = new SessionKeys(hex("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20],
                hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        AesCmHmacSha1Cipher cipher = new AesCmHmacSha1Cipher(keys, keys, 10, 10);
        int segment = 1044512; // 65282 blocks, as the RFC's table
        byte[] packet = new byte[12 + segment + 10];
        packet[0] = (byte) 0x80; // SSRC 0, SEQ 0, ROC 0: the IV is the shifted salt
        cipher.protectRtp(packet, 0, 12 + segment, 12, 0, 0);
        // zero payload, so the ciphertext is the keystream
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
                + "41e95b3bb0a2e8dd477901e4fca894c0", Packets.hex(packet, 12, 48));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4" + "362b7c3c6773516318a077d7fc5073ae"
                + "6a2cc3787889374fbeb4c81b17ba6c44", Packets.hex(packet, 12 + segment - 48, 48));
    }

    @Test
    void protectMatchesLibsrtpSelfTestPacketForAesCm80() throws Exception {
        SrtpMasterKey key = SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_MASTER_KEY, B3_MASTER_SALT);
        byte[] plain = hex("800f1234 decafbad cafebabe abababab abababab abababab abababab");
        byte[] expected = hex("800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb");
        byte[] b = Arrays.copyOf(plain, plain.length + 10);
        SrtpSender sender = new SrtpSender(key, SrtpSettings.DEFAULTS);
        assertEquals(SrtpResult.OK, sender.protectRtp(b, 0, plain.length));
        assertArrayEquals(expected, b);

        SrtpReceiver receiver = new SrtpReceiver(key, SrtpSettings.DEFAULTS);
        assertEquals(SrtpResult.OK, receiver.unprotectRtp(b, 0, b.length));
        assertArrayEquals(plain, Arrays.copyOf(b, plain.length));
    }

    @Test
    void unprotectsLibsrtpSelfTestSrtcpPacketWithIndexAndTagAfterIt() throws Exception {
        SrtpMasterKey key = SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_MASTER_KEY, B3_MASTER_SALT);
        byte[] wire = hex("81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798");
        SrtpReceiver receiver = new SrtpReceiver(key, SrtpSettings.DEFAULTS);
        assertEquals(SrtpResult.OK, receiver.unprotectRtcp(wire, 0, wire.length));
        assertEquals("81c8000bcafebabeabababababababababababababababab", Packets.hex(wire, 0, 24));
    }

    // RFC 7714 §16, §17: the vectors give the session key and salt directly
    private static final byte[] GCM_KEY_128 = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_KEY_256 = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] GCM_SALT = hex("517569642070726f2071756f");
    private static final String RTP = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973"
            + " 20646976 69736120 696e2070 61727465 73207472 6573";
    private static final String RTCP = "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930"
            + " 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef";

    private static AesGcmCipher gcm(byte[] key) {
        SessionKeys keys = new SessionKeys(key, new byte[0], GCM_SALT);
        return new AesGcmCipher(keys, keys);
    }

    private static void assertGcmRtp(byte[] key, String protectedHex) {
        byte[] plain = hex(RTP);
        byte[] expected = hex(protectedHex);
        byte[] b = Arrays.copyOf(plain, plain.length + 16);
        gcm(key).protectRtp(b, 0, plain.length, 12, 0x5501a0b2, 0xf17b);
        assertArrayEquals(expected, b);
        assertTrue(gcm(key).unprotectRtp(b, 0, b.length, 12, 0x5501a0b2, 0xf17b));
        assertArrayEquals(plain, Arrays.copyOf(b, plain.length));
    }

    @Test
    void aeadAes128GcmSrtpMatchesRfc7714Section16_1() {
        assertGcmRtp(GCM_KEY_128, "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5"
                + " 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce");
    }

    @Test
    void aeadAes256GcmSrtpMatchesRfc7714Section16_2() {
        assertGcmRtp(GCM_KEY_256, "8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa b1801238"
                + " 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13");
    }

    @Test
    void aeadAes128GcmSrtcpMatchesRfc7714Section17_1() {
        byte[] plain = hex(RTCP);
        byte[] b = Arrays.copyOf(plain, plain.length + 20);
        gcm(GCM_KEY_128).protectRtcp(b, 0, plain.length, 0x4d617273, 0x5d4);
        assertArrayEquals(hex("81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d"
                + " c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4"), b);
        AesGcmCipher receiver = gcm(GCM_KEY_128);
        assertTrue(receiver.unprotectRtcp(b, 0, b.length, 0x4d617273, PacketLayout.readInt(b, b.length - 4)));
        assertArrayEquals(plain, Arrays.copyOf(b, plain.length));
    }

    @Test
    void aeadAes256GcmSrtcpDecryptsRfc7714Section17_2() {
        byte[] wire = hex("81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d bffe0a50"
                + " a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad 1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4");
        assertTrue(gcm(GCM_KEY_256).unprotectRtcp(wire, 0, wire.length, 0x4d617273, 0x800005d4));
        assertArrayEquals(hex(RTCP), Arrays.copyOf(wire, hex(RTCP).length));
    }

    @Test
    void unencryptedSrtcpWithEFlagClearVerifiesPerRfc7714Section17_3And17_4() {
        byte[] wire128 = hex(RTCP + " 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4");
        byte[] wire256 = hex(RTCP + " 91db4afb feee5a97 8fab4393 ed2615fe 000005d4");
        assertTrue(gcm(GCM_KEY_128).unprotectRtcp(wire128, 0, wire128.length, 0x4d617273, 0x5d4));
        assertTrue(gcm(GCM_KEY_256).unprotectRtcp(wire256, 0, wire256.length, 0x4d617273, 0x5d4));
        assertArrayEquals(hex(RTCP), Arrays.copyOf(wire128, hex(RTCP).length));
        wire128[9] ^= 1; // a flipped clear-text bit must fail the tag
        assertFalse(gcm(GCM_KEY_128).unprotectRtcp(wire128, 0, wire128.length, 0x4d617273, 0x5d4));
    }

    @Test
    void aesGcmSealsAndOpensAsTheJceGcmDoes() throws Exception {
        java.util.Random random = new java.util.Random(11);
        for (int keyLength : new int[] {16, 32}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            AesGcm ours = new AesGcm(key);
            javax.crypto.Cipher jce = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            for (int aadLength : new int[] {0, 1, 8, 12, 15, 16, 17, 40}) {
                for (int textLength : new int[] {0, 1, 15, 16, 17, 172, 1200}) {
                    byte[] nonce = new byte[12];
                    random.nextBytes(nonce);
                    byte[] aad = new byte[aadLength];
                    random.nextBytes(aad);
                    byte[] text = new byte[textLength];
                    random.nextBytes(text);
                    jce.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                            new javax.crypto.spec.GCMParameterSpec(128, nonce));
                    jce.updateAAD(aad);
                    byte[] expected = jce.doFinal(text);
                    String what = "key " + keyLength + " aad " + aadLength + " text " + textLength;

                    byte[] b = Arrays.copyOf(text, textLength + 16);
                    ours.begin(nonce);
                    ours.aad(aad, 0, aadLength / 2); // AAD in two pieces, as SRTCP's is
                    ours.aad(aad, aadLength / 2, aadLength - aadLength / 2);
                    ours.seal(b, 0, textLength);
                    assertArrayEquals(expected, b, what);

                    ours.begin(nonce);
                    ours.aad(aad, 0, aadLength);
                    assertTrue(ours.open(b, 0, textLength), what);
                    assertArrayEquals(text, Arrays.copyOf(b, textLength), what);

                    byte[] tampered = expected.clone();
                    tampered[random.nextInt(tampered.length)] ^= 0x10;
                    ours.begin(nonce);
                    ours.aad(aad, 0, aadLength);
                    assertFalse(ours.open(tampered, 0, textLength), what);
                }
            }
        }
    }

    @Test
    void hmacSha1EqualsTheJceMac() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int keyLength : new int[] {20, 64, 100}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            javax.crypto.Mac jce = javax.crypto.Mac.getInstance("HmacSHA1");
            jce.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"));
            HmacSha1 ours = new HmacSha1(key);
            for (int len : new int[] {0, 1, 55, 64, 200}) {
                byte[] msg = new byte[len];
                random.nextBytes(msg);
                byte[] out = new byte[20];
                ours.update(msg, 0, len);
                ours.updateInt(0x01020304);
                ours.doFinal(out, 0);
                jce.update(msg);
                jce.update(new byte[] {1, 2, 3, 4});
                assertArrayEquals(jce.doFinal(), out, "key " + keyLength + " message " + len);
            }
        }
    }
}
