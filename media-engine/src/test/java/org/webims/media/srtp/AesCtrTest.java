package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** AES counter mode through the JDK's intrinsic and through AES/ECB counter blocks (decision 0043). */
class AesCtrTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theJdkCounterModeIsReachableWhenTheJvmOpensItsPackage() {
        // surefire's argLine passes JdkGhash.ADD_OPENS, as bin/gateway and the benches do
        assertTrue(JdkAesCtr.available(), "expected " + JdkGhash.ADD_OPENS + " in the test JVM's arguments");
        assertTrue(new AesCtr(new byte[16]).usesJdk());
        assertFalse(new AesCtr(new byte[16], false).usesJdk());
    }

    /** NIST SP 800-38A F.5.1, CTR-AES128.Encrypt, both ways of making the keystream. */
    @Test
    void bothGiveTheNistCounterModeVector() {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] counter = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] expected = HEX.parseHex("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                + "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
        for (boolean jdk : JdkAesCtr.available() ? new boolean[] {true, false} : new boolean[] {false}) {
            byte[] text = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                    + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
            AesCtr ctr = new AesCtr(key, jdk);
            ctr.start(counter);
            ctr.apply(text, 0, 16); // a whole block first, then the rest: as GCM takes its tag mask
            ctr.apply(text, 16, 48);
            assertArrayEquals(expected, text, jdk ? "jdk" : "ecb");
        }
    }

    /**
     * Enough messages under 200 keys for C2 to compile the JDK's path with its intrinsic; every
     * length and offset SRTP hands over, counters whose low bytes carry.
     */
    @Test
    void theJdkCounterModeGivesTheEcbKeystreamForEveryMessage() {
        assumeTrue(JdkAesCtr.available(), "the JDK's counter mode is not opened to us here");
        Random random = new Random(43);
        int keys = 200;
        AesCtr[] jdk = new AesCtr[keys];
        AesCtr[] ecb = new AesCtr[keys];
        for (int k = 0; k < keys; k++) {
            byte[] key = new byte[k % 2 == 0 ? 16 : 32]; // AES-128 and AES-256 (RFC 7714's AEAD_AES_256_GCM)
            random.nextBytes(key);
            jdk[k] = new AesCtr(key, true);
            ecb[k] = new AesCtr(key, false);
        }
        byte[] counter = new byte[16];
        byte[] expected = new byte[1400];
        byte[] got = new byte[1400];
        for (int m = 0; m < 40_000; m++) {
            int k = random.nextInt(keys);
            random.nextBytes(counter);
            if (m % 3 == 0) {
                counter[15] = (byte) 0xff; // carries at the second block
                counter[14] = (byte) 0xff;
            }
            int len = m % 7 == 0 ? random.nextInt(1300) : 160 + random.nextInt(16);
            int off = random.nextInt(100);
            random.nextBytes(expected);
            System.arraycopy(expected, 0, got, 0, expected.length);
            jdk[k].start(counter);
            ecb[k].start(counter);
            jdk[k].apply(got, off, len);
            ecb[k].apply(expected, off, len);
            assertArrayEquals(expected, got, "message " + m + ", length " + len);
        }
    }

    @Test
    void aRangeOutsideTheArrayThrowsBeforeTheIntrinsicSeesIt() {
        AesCtr ctr = new AesCtr(new byte[16]);
        ctr.start(new byte[16]);
        assertThrows(IndexOutOfBoundsException.class, () -> ctr.apply(new byte[100], 90, 20));
    }
}
