package org.webims.media.srtp;

/**
 * GHASH (NIST SP 800-38D §6.4) under one hash key H, streaming. Where the JVM lets us reach it
 * ({@link JdkGhash}), the blocks go through the JDK's carry-less-multiply intrinsic, whole runs of
 * them in one call (decision 0029); else through Shoup's 8-bit tables of ours: the products of H
 * with every byte value in the first byte position (4 KiB) and the reduction of a byte shifted
 * out by x^8, 16 table steps a block. Nothing is allocated per message. Blocks are two longs,
 * bytes 0-7 and 8-15 big-endian, so bit 0 of the spec (the coefficient of x^0) is the top bit of
 * the first. Not thread-safe.
 */
final class GcmHash {

    /** SP 800-38D §6.3: R = 11100001 || 0^120, folded in when multiplying by x drops a bit. */
    private static final long R = 0xE100000000000000L;
    private static final long[] REDUCE_BYTE = reductionTable();

    /** The JDK's layout (H, then the intrinsic's powers of H); null on our tables. */
    private final long[] subkey;
    private final long[] productHi;
    private final long[] productLo;
    private final byte[] pending = new byte[16];
    /** One block for the JDK's loop: a segment's padded last block, the length block. */
    private final byte[] single;
    private int pendingLength;
    /** Y: bytes 0-7 and 8-15, big-endian (the JDK's layout too). */
    private final long[] state = new long[2];

    /** {@code h}: the 16-byte hash subkey E(K, 0^128); the JDK's GHASH where it is reachable. */
    GcmHash(byte[] h) {
        this(h, JdkGhash.available());
    }

    /** {@code jdk}: the JDK's intrinsic (only where {@link JdkGhash#available()}), else our tables. */
    GcmHash(byte[] h, boolean jdk) {
        long vh = PacketLayout.readLong(h, 0);
        long vl = PacketLayout.readLong(h, 8);
        if (jdk) {
            subkey = new long[JdkGhash.subkeyLongs()];
            subkey[0] = vh;
            subkey[1] = vl;
            single = new byte[16];
            productHi = null;
            productLo = null;
            return;
        }
        subkey = null;
        single = null;
        productHi = new long[256];
        productLo = new long[256];
        // byte value 0x80 is x^0, 0x40 is x^1, ... 0x01 is x^7: each one more multiplication by x
        for (int bit = 0x80; bit != 0; bit >>>= 1) {
            productHi[bit] = vh;
            productLo[bit] = vl;
            boolean carry = (vl & 1) != 0;
            vl = (vl >>> 1) | (vh << 63);
            vh = (vh >>> 1) ^ (carry ? R : 0);
        }
        for (int v = 2; v < 256; v++) {
            int top = Integer.highestOneBit(v);
            if (top != v) {
                productHi[v] = productHi[top] ^ productHi[v ^ top];
                productLo[v] = productLo[top] ^ productLo[v ^ top];
            }
        }
    }

    /** What (0, v) becomes after eight multiplications by x: the bits that fall off, reduced (only {@code hi} gets any). */
    private static long[] reductionTable() {
        long[] table = new long[256];
        for (int v = 0; v < 256; v++) {
            long th = 0;
            long tl = v;
            for (int i = 0; i < 8; i++) {
                boolean carry = (tl & 1) != 0;
                tl = (tl >>> 1) | (th << 63);
                th = (th >>> 1) ^ (carry ? R : 0);
            }
            table[v] = th; // tl is 0: the byte has left and the reduction stays in the top 16 bits
        }
        return table;
    }

    /** Starts a new message (Y_0 = 0). */
    void reset() {
        state[0] = 0;
        state[1] = 0;
        pendingLength = 0;
    }

    /** Whether the blocks go through the JDK's intrinsic. */
    boolean usesJdk() {
        return subkey != null;
    }

    /** Adds bytes to the current segment (AAD or ciphertext); a segment may arrive in pieces. */
    void update(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length); // the intrinsic checks no bounds
        if (pendingLength > 0) {
            int take = Math.min(len, 16 - pendingLength);
            System.arraycopy(b, off, pending, pendingLength, take);
            pendingLength += take;
            off += take;
            len -= take;
            if (pendingLength < 16) {
                return;
            }
            block(PacketLayout.readLong(pending, 0), PacketLayout.readLong(pending, 8));
            pendingLength = 0;
        }
        int end = off + len;
        if (subkey != null) {
            int blocks = (end - off) >>> 4;
            if (blocks > 0) {
                JdkGhash.processBlocks(b, off, blocks, state, subkey);
                off += blocks << 4;
            }
        } else {
            for (; off + 16 <= end; off += 16) {
                block(PacketLayout.readLong(b, off), PacketLayout.readLong(b, off + 8));
            }
        }
        if (off < end) {
            System.arraycopy(b, off, pending, 0, end - off);
            pendingLength = end - off;
        }
    }

    /** Ends a segment: its last partial block is padded with zeros (SP 800-38D §7.1 step 5, the 0^v and 0^u). */
    void endSegment() {
        int n = pendingLength;
        if (n > 0) {
            // the bytes past n are stale: masked off in the two words, not cleared in the array (per packet)
            long h = PacketLayout.readLong(pending, 0);
            long l = PacketLayout.readLong(pending, 8);
            if (n < 8) {
                h &= -1L << (64 - 8 * n);
                l = 0;
            } else {
                l = n == 8 ? 0 : l & (-1L << (64 - 8 * (n - 8)));
            }
            block(h, l);
            pendingLength = 0;
        }
    }

    /** Hashes the length block [len(A)]64 || [len(C)]64 (in bits) and writes S to {@code out[at, at+16)}. */
    void finish(long aadBytes, long textBytes, byte[] out, int at) {
        endSegment();
        block(aadBytes << 3, textBytes << 3);
        PacketLayout.writeLong(out, at, state[0]);
        PacketLayout.writeLong(out, at + 8, state[1]);
    }

    /**
     * GHASH from Y_0 = 0 of the whole blocks {@code b[off, off+16*blocks)}: a message already laid out
     * padded, AAD, text and length block (SP 800-38D §7.1 step 5), in one call of the JDK's loop where
     * it is used instead of one per segment and one for the length block. S to {@code out[at, at+16)}.
     */
    void digest(byte[] b, int off, int blocks, byte[] out, int at) {
        reset();
        update(b, off, blocks << 4);
        PacketLayout.writeLong(out, at, state[0]);
        PacketLayout.writeLong(out, at + 8, state[1]);
    }

    private void block(long xh, long xl) {
        if (subkey != null) {
            PacketLayout.writeLong(single, 0, xh);
            PacketLayout.writeLong(single, 8, xl);
            JdkGhash.processBlocks(single, 0, 1, state, subkey);
        } else {
            tableBlock(xh, xl);
        }
    }

    // Y_i = (Y_{i-1} xor X_i) * H, Horner over the bytes from the last: Z = Z * x^8 xor T[byte]
    private void tableBlock(long xh, long xl) {
        xh ^= state[0];
        xl ^= state[1];
        long zh = 0;
        long zl = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int v = (int) (xl >>> shift) & 0xff;
            int out = (int) zl & 0xff;
            zl = (zl >>> 8) | (zh << 56);
            zh = (zh >>> 8) ^ REDUCE_BYTE[out] ^ productHi[v];
            zl ^= productLo[v];
        }
        for (int shift = 0; shift < 64; shift += 8) {
            int v = (int) (xh >>> shift) & 0xff;
            int out = (int) zl & 0xff;
            zl = (zl >>> 8) | (zh << 56);
            zh = (zh >>> 8) ^ REDUCE_BYTE[out] ^ productHi[v];
            zl ^= productLo[v];
        }
        state[0] = zh;
        state[1] = zl;
    }
}
