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

    /**
     * Copies {@code n} bits. Eight at a time, each octet read across two source bytes and written
     * across two destination bytes with masks: the bandwidth-efficient format (RFC 4867 §4.3)
     * puts speech bits 10 bits in, so nothing is aligned, and bit by bit a 477-bit frame cost a
     * per-frame loop the audio-transcode bench showed as the hottest Java code.
     */
    static void copy(byte[] src, int srcBit, byte[] dst, int dstBit, int n) {
        int i = 0;
        if ((srcBit & 7) == 0 && (dstBit & 7) == 0) { // both octet-aligned: whole bytes
            int bytes = n >>> 3;
            System.arraycopy(src, srcBit >>> 3, dst, dstBit >>> 3, bytes);
            i = bytes << 3;
        } else {
            for (; n - i >= 8; i += 8) {
                writeOctet(dst, dstBit + i, readOctet(src, srcBit + i));
            }
        }
        if (i < n) {
            write(dst, dstBit + i, read(src, srcBit + i, n - i), n - i);
        }
    }

    /** The 8 bits from {@code bitPos}; touches the next byte only when they straddle it. */
    private static int readOctet(byte[] b, int bitPos) {
        int at = bitPos >>> 3;
        int shift = bitPos & 7;
        if (shift == 0) {
            return b[at] & 0xFF;
        }
        return (((b[at] & 0xFF) << shift) | ((b[at + 1] & 0xFF) >>> (8 - shift))) & 0xFF;
    }

    /** Writes 8 bits at {@code bitPos}, keeping the bits around them. */
    private static void writeOctet(byte[] b, int bitPos, int octet) {
        int at = bitPos >>> 3;
        int shift = bitPos & 7;
        if (shift == 0) {
            b[at] = (byte) octet;
            return;
        }
        int keepHigh = 0xFF00 >>> shift; // the bits of b[at] before bitPos
        b[at] = (byte) ((b[at] & keepHigh) | (octet >>> shift));
        b[at + 1] = (byte) ((b[at + 1] & (0xFF >>> shift)) | (octet << (8 - shift)));
    }
}
