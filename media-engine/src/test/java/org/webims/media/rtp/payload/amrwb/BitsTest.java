package org.webims.media.rtp.payload.amrwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Bits#copy} moves exactly the bits asked for, at any pair of bit offsets, and leaves the bits around them. */
class BitsTest {

    @Test
    void copyAtAnyOffsetsMatchesBitByBitAndKeepsTheSurroundingBits() {
        Random random = new Random(4867);
        for (int run = 0; run < 5000; run++) {
            byte[] src = new byte[64];
            byte[] dst = new byte[64];
            random.nextBytes(src);
            random.nextBytes(dst);
            int n = random.nextInt(478); // up to a 23.85 kbit/s frame (TS 26.201 Table 1a)
            int srcBit = random.nextInt(src.length * 8 - n + 1);
            int dstBit = random.nextInt(dst.length * 8 - n + 1);
            byte[] expected = dst.clone();
            for (int i = 0; i < n; i++) { // the reference: one bit at a time, MSB first
                int bit = (src[(srcBit + i) >>> 3] >>> (7 - ((srcBit + i) & 7))) & 1;
                int mask = 0x80 >>> ((dstBit + i) & 7);
                expected[(dstBit + i) >>> 3] = (byte) (bit != 0 ? expected[(dstBit + i) >>> 3] | mask
                        : expected[(dstBit + i) >>> 3] & ~mask);
            }
            Bits.copy(src, srcBit, dst, dstBit, n);
            assertArrayEquals(expected, dst, "n=" + n + " srcBit=" + srcBit + " dstBit=" + dstBit);
        }
    }
}
