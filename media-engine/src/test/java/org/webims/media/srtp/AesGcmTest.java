package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * AES-GCM of a packet whose AAD is followed by its text ({@link AesGcm#sealPacket},
 * {@link AesGcm#openPacket}: one GHASH call and one counter-mode call, decision 0053) against the
 * JCE's AES/GCM, on the JDK's intrinsics and on our fallbacks, and against the streaming calls.
 */
class AesGcmTest {

    private static final int TAG = AesGcm.TAG_LENGTH;

    /** Every AAD length 0-40 (RTP headers with CSRCs and extensions) and text lengths 0-300, keys interleaved. */
    @Test
    void aSealedPacketIsTheJcesGcmAndOpensBackOnEveryPath() throws Exception {
        Random random = new Random(53);
        for (boolean[] path : new boolean[][] {{true, true}, {false, false}, {true, false}, {false, true}}) {
            int keys = 50;
            byte[][] keyBytes = new byte[keys][];
            AesGcm[] gcm = new AesGcm[keys];
            for (int k = 0; k < keys; k++) {
                keyBytes[k] = new byte[k % 2 == 0 ? 16 : 32];
                random.nextBytes(keyBytes[k]);
                gcm[k] = new AesGcm(keyBytes[k], path[0] && JdkAesCtr.available(), path[1] && JdkGhash.available());
            }
            for (int m = 0; m < 6_000; m++) {
                int k = random.nextInt(keys);
                int aad = m < 41 ? m : m % 3 == 0 ? random.nextInt(41) : 12;
                int text = m % 5 == 0 ? random.nextInt(301) : 160;
                int off = random.nextInt(8);
                byte[] nonce = new byte[12];
                random.nextBytes(nonce);
                byte[] packet = new byte[off + aad + text + TAG + random.nextInt(4)];
                random.nextBytes(packet);
                byte[] clear = packet.clone();

                gcm[k].begin(nonce);
                gcm[k].sealPacket(packet, off, aad, text);

                Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
                jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes[k], "AES"), new GCMParameterSpec(128, nonce));
                jce.updateAAD(clear, off, aad);
                byte[] expected = jce.doFinal(clear, off + aad, text);
                String what = "path " + Arrays.toString(path) + ", message " + m + ", aad " + aad + ", text " + text;
                assertArrayEquals(expected, Arrays.copyOfRange(packet, off + aad, off + aad + text + TAG), what);
                assertArrayEquals(Arrays.copyOfRange(clear, 0, off + aad), Arrays.copyOfRange(packet, 0, off + aad), what);
                assertArrayEquals(Arrays.copyOfRange(clear, off + aad + text + TAG, clear.length),
                        Arrays.copyOfRange(packet, off + aad + text + TAG, packet.length), what);

                gcm[k].begin(nonce);
                assertTrue(gcm[k].openPacket(packet, off, aad, text), what);
                assertArrayEquals(Arrays.copyOf(clear, off + aad + text), Arrays.copyOf(packet, off + aad + text), what);
            }
        }
    }

    /** The streaming calls (SRTCP's) and the packet calls give the same bytes, on one key in turn. */
    @Test
    void thePacketCallsAndTheStreamingCallsAgree() {
        Random random = new Random(7714);
        byte[] key = new byte[16];
        random.nextBytes(key);
        AesGcm gcm = new AesGcm(key);
        for (int m = 0; m < 2_000; m++) {
            int aad = random.nextInt(41);
            int text = random.nextInt(301);
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            byte[] a = new byte[aad + text + TAG];
            random.nextBytes(a);
            byte[] b = a.clone();
            gcm.begin(nonce);
            gcm.sealPacket(a, 0, aad, text);
            gcm.begin(nonce);
            gcm.aad(b, 0, aad);
            gcm.seal(b, aad, text);
            assertArrayEquals(b, a, "aad " + aad + ", text " + text);
        }
    }

    /** A flipped bit anywhere in AAD, text or tag fails the tag, and the packet is left as it came. */
    @Test
    void aPacketWhoseTagFailsIsLeftUndecrypted() {
        Random random = new Random(3711);
        byte[] key = new byte[16];
        random.nextBytes(key);
        AesGcm gcm = new AesGcm(key);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        int aad = 12;
        int text = 160;
        byte[] sealed = new byte[aad + text + TAG];
        random.nextBytes(sealed);
        gcm.begin(nonce);
        gcm.sealPacket(sealed, 0, aad, text);
        for (int bit = 0; bit < sealed.length * 8; bit += 7) {
            byte[] forged = sealed.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            byte[] before = forged.clone();
            gcm.begin(nonce);
            assertFalse(gcm.openPacket(forged, 0, aad, text), "bit " + bit);
            assertArrayEquals(before, forged, "bit " + bit);
        }
        byte[] other = nonce.clone();
        other[11] ^= 1;
        byte[] copy = sealed.clone();
        gcm.begin(other);
        assertFalse(gcm.openPacket(copy, 0, aad, text), "another nonce");
        assertArrayEquals(sealed, copy);
    }

    /** Ranges outside the array, or negative lengths, are refused before the intrinsics see them. */
    @Test
    void aRangeOutsideTheArrayIsRefused() {
        AesGcm gcm = new AesGcm(new byte[16]);
        gcm.begin(new byte[12]);
        assertThrows(IndexOutOfBoundsException.class, () -> gcm.sealPacket(new byte[40], 0, 12, 13)); // no room for the tag
        assertThrows(IndexOutOfBoundsException.class, () -> gcm.openPacket(new byte[40], 0, 12, -4));
        assertThrows(IndexOutOfBoundsException.class, () -> gcm.openPacket(new byte[40], -1, 12, 4));
    }
}
