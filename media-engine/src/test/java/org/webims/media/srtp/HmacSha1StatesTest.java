package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * HMAC-SHA1 from precomputed pad states on the JDK's SHA-1 compression (decision 0049): FIPS 180-4
 * SHA-1 vectors through the engine, RFC 2202's HMAC-SHA1 vectors, and the JCE's Mac on random keys,
 * messages and offsets, interleaved keys on one engine. Surefire opens the JDK's package, as the
 * gateway does, so the intrinsic path is the one tested.
 */
class HmacSha1StatesTest {

    @Test
    void theJdkCompressionIsReachableWhereThePackageIsOpened() {
        assertTrue(JdkSha1.available(), "surefire passes " + JdkSha1.ADD_OPENS);
        assertTrue(Sha1Mac.forKey(new byte[20]) instanceof HmacSha1States, "SRTP's MAC takes the precomputed states");
    }

    /** FIPS 180-4 examples (the NIST CSRC "SHA1.pdf" example values): one and two blocks. */
    @Test
    void theEngineComputesFips180Sha1() {
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", sha1("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", sha1(new byte[0]));
    }

    /** RFC 2202 §3, test cases 1-7. */
    @Test
    void rfc2202Vectors() {
        assertMac(repeat(0x0b, 20), ascii("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00");
        assertMac(ascii("Jefe"), ascii("what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assertMac(repeat(0xaa, 20), repeat(0xdd, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
        byte[] key4 = new byte[25];
        for (int i = 0; i < 25; i++) {
            key4[i] = (byte) (i + 1);
        }
        assertMac(key4, repeat(0xcd, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
        assertMac(repeat(0x0c, 20), ascii("Test With Truncation"), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
        assertMac(repeat(0xaa, 80), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                "aa4ae5e15272d00e95705637ce8a3b55ed402112");
        assertMac(repeat(0xaa, 80), ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
                "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
    }

    /**
     * Random keys (SRTP's 20 bytes, a block, longer), every message length up to 300 (each padding
     * case: one or two tail blocks, with and without the ROC) at random offsets, keys interleaved on
     * this thread's one engine; enough messages for C2 to compile the path with the intrinsic.
     */
    @Test
    void equalsTheJceMacOnRandomInput() throws Exception {
        Random random = new Random(2049);
        int[] keyLengths = {20, 64, 100, 20, 20};
        HmacSha1States[] ours = new HmacSha1States[keyLengths.length];
        Mac[] jce = new Mac[keyLengths.length];
        for (int k = 0; k < keyLengths.length; k++) {
            byte[] key = new byte[keyLengths[k]];
            random.nextBytes(key);
            ours[k] = new HmacSha1States(key);
            jce[k] = Mac.getInstance("HmacSHA1");
            jce[k].init(new SecretKeySpec(key, "HmacSHA1"));
        }
        byte[] out = new byte[40];
        byte[] roc = new byte[4];
        for (int round = 0; round < 60; round++) {
            for (int len = 0; len <= 300; len++) {
                int k = random.nextInt(ours.length);
                int off = random.nextInt(9);
                byte[] b = new byte[off + len + random.nextInt(5)];
                random.nextBytes(b);
                int at = random.nextInt(21);
                int r = random.nextInt();
                jce[k].update(b, off, len);
                byte[] expected = jce[k].doFinal();
                ours[k].mac(b, off, len, out, at);
                assertArrayEquals(expected, Arrays.copyOfRange(out, at, at + 20), "key " + k + " length " + len);
                AesCmHmacSha1Cipher.writeInt(roc, 0, r);
                jce[k].update(b, off, len);
                jce[k].update(roc);
                expected = jce[k].doFinal();
                ours[k].macWithRoc(b, off, len, r, out, at);
                assertArrayEquals(expected, Arrays.copyOfRange(out, at, at + 20), "with ROC, key " + k + " length " + len);
            }
        }
    }

    @Test
    void theMessageDigestPathGivesTheSameMac() {
        Random random = new Random(5);
        byte[] key = new byte[20];
        random.nextBytes(key);
        Sha1Mac states = new HmacSha1States(key);
        Sha1Mac digest = new HmacSha1(key);
        byte[] b = new byte[400];
        random.nextBytes(b);
        byte[] a = new byte[20];
        byte[] c = new byte[20];
        for (int len = 0; len < 400; len += 7) {
            states.macWithRoc(b, 0, len, len * 31, a, 0);
            digest.macWithRoc(b, 0, len, len * 31, c, 0);
            assertArrayEquals(c, a, "length " + len);
        }
    }

    private static void assertMac(byte[] key, byte[] data, String hex) {
        byte[] out = new byte[20];
        new HmacSha1States(key).mac(data, 0, data.length, out, 0);
        assertEquals(hex, Packets.hex(out, 0, 20));
    }

    // SHA-1 of a message through the engine, padded as FIPS 180-4 §5.1.1 says
    private static String sha1(byte[] message) {
        Sha1Engine engine = Sha1Engine.ofThisThread();
        int padded = (message.length + 9 + 63) & ~63;
        byte[] b = Arrays.copyOf(message, padded);
        b[message.length] = (byte) 0x80;
        PacketLayout.writeLong(b, padded - 8, (long) message.length << 3);
        Sha1Engine.initialValue(engine.state);
        for (int at = 0; at < padded; at += 64) {
            engine.compress(b, at);
        }
        byte[] digest = new byte[20];
        Sha1Engine.writeState(engine.state, digest, 0);
        return Packets.hex(digest, 0, 20);
    }

    private static byte[] repeat(int value, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
