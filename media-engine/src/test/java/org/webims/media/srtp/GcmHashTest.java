package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** GHASH through the JDK's intrinsic and through our tables (decision 0029). */
class GcmHashTest {

    @Test
    void theJdkGhashIsReachableWhenTheJvmOpensItsPackage() {
        // surefire's argLine passes JdkGhash.ADD_OPENS, as bin/gateway and the benches do
        assertTrue(JdkGhash.available(), "expected " + JdkGhash.ADD_OPENS + " in the test JVM's arguments");
        assertTrue(new GcmHash(new byte[16]).usesJdk());
        assertFalse(new GcmHash(new byte[16], false).usesJdk());
    }

    /**
     * Enough messages under 200 keys (the bench's relay) for C2 to compile the loop with the
     * intrinsic; AAD and text in pieces of every alignment, as SRTP and SRTCP hand them over.
     */
    @Test
    void theJdkGhashGivesOurTablesDigestForEveryMessage() {
        assumeTrue(JdkGhash.available(), "the JDK's GHASH is not opened to us here");
        Random random = new Random(29);
        int keys = 200;
        GcmHash[] jdk = new GcmHash[keys];
        GcmHash[] ours = new GcmHash[keys];
        for (int k = 0; k < keys; k++) {
            byte[] h = new byte[16];
            random.nextBytes(h);
            jdk[k] = new GcmHash(h, true);
            ours[k] = new GcmHash(h, false);
        }
        byte[] message = new byte[1300];
        byte[] expected = new byte[16];
        byte[] got = new byte[16];
        for (int m = 0; m < 40_000; m++) {
            int k = random.nextInt(keys);
            random.nextBytes(message);
            int aad = m % 5 == 0 ? random.nextInt(40) : 12;
            int text = m % 7 == 0 ? random.nextInt(message.length - 40) : 160;
            int firstPiece = random.nextInt(aad + 1);
            for (GcmHash g : new GcmHash[] {jdk[k], ours[k]}) {
                g.reset();
                g.update(message, 0, firstPiece);
                g.update(message, firstPiece, aad - firstPiece);
                g.endSegment();
                g.update(message, 40, text);
            }
            jdk[k].finish(aad, text, got, 0);
            ours[k].finish(aad, text, expected, 0);
            assertArrayEquals(expected, got, "message " + m + ", aad " + aad + ", text " + text);
        }
    }

    @Test
    void aRangeOutsideTheArrayIsRefusedBeforeTheIntrinsicSeesIt() {
        GcmHash g = new GcmHash(new byte[16]);
        byte[] b = new byte[32];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> g.update(b, 16, 32));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> g.update(b, -16, 16));
    }
}
