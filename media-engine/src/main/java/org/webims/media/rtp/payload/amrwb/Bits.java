package org.webims.media.rtp.payload.amrwb;

/** MSB-first bit access within byte arrays, positions in bits from index 0. */
final class Bits {

    private Bits() {
    }

    static int read(byte[] b, int bitPos, int n) {
        int v = 0;
        for (int i = 0; i < n; i++, bitPos++) {
            v = (v << 1) | ((b[bitPos >>> 3] >>> (7 - (bitPos & 7))) & 1);
        }
        return v;
    }

    static void write(byte[] b, int bitPos, int value, int n) {
        for (int i = n - 1; i >= 0; i--, bitPos++) {
            int mask = 0x80 >>> (bitPos & 7);
            if (((value >>> i) & 1) != 0) {
                b[bitPos >>> 3] |= (byte) mask;
            } else {
                b[bitPos >>> 3] &= (byte) ~mask;
            }
        }
    }

    static void copy(byte[] src, int srcBit, byte[] dst, int dstBit, int n) {
        int i = 0;
        if ((srcBit & 7) == 0 && (dstBit & 7) == 0) { // both octet-aligned: whole bytes
            int bytes = n >>> 3;
            System.arraycopy(src, srcBit >>> 3, dst, dstBit >>> 3, bytes);
            i = bytes << 3;
        }
        for (; i < n; i++) {
            write(dst, dstBit + i, read(src, srcBit + i, 1), 1);
        }
    }
}
