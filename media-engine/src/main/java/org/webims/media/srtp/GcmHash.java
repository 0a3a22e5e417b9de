package org.webims.media.srtp;

/**
 * GHASH (NIST SP 800-38D §6.4) under one hash key H, streaming, with Shoup's 4-bit tables: the
 * products of H with every nibble value in the high and in the low half of a byte (two times 16
 * entries, 512 bytes per key in one array: eight cache lines), and the shared reduction of a byte
 * shifted out by x^8. A block costs 16 byte steps of two lookups; nothing is allocated per message.
 * An 8-bit table (4 KiB per key) takes one lookup per step and is faster while it stays in the
 * cache, but a relay turns over hundreds of keys and a message touches nearly all of its 64 lines:
 * with 2,000 keys in turn the 4-bit tables took 0.6 times as long (decision 0028).
 * Blocks are two longs, bytes 0-7 and 8-15 big-endian, so bit 0 of the spec (the coefficient of
 * x^0) is the top bit of {@code hi}. Not thread-safe.
 */
final class GcmHash {

    /** SP 800-38D §6.3: R = 11100001 || 0^120, folded in when multiplying by x drops a bit. */
    private static final long R = 0xE100000000000000L;
    private static final long[] REDUCE_BYTE = reductionTable();

    /**
     * H times a nibble, hi and lo words side by side: entries 0-15 for a byte's high nibble
     * (0x8 is x^0 ... 0x1 is x^3), entries 16-31 for its low nibble (x^4 ... x^7).
     */
    private final long[] products = new long[64];
    private final byte[] pending = new byte[16];
    private int pendingLength;
    private long hi;
    private long lo;

    /** {@code h}: the 16-byte hash subkey E(K, 0^128). */
    GcmHash(byte[] h) {
        long vh = PacketLayout.readLong(h, 0);
        long vl = PacketLayout.readLong(h, 8);
        // H times x^0 ... x^7, one more multiplication by x each: the single-bit entries of both halves
        for (int bit = 0; bit < 8; bit++) {
            int entry = bit < 4 ? 8 >>> bit : 16 + (8 >>> (bit - 4));
            products[2 * entry] = vh;
            products[2 * entry + 1] = vl;
            boolean carry = (vl & 1) != 0;
            vl = (vl >>> 1) | (vh << 63);
            vh = (vh >>> 1) ^ (carry ? R : 0);
        }
        for (int half = 0; half < 32; half += 16) { // the other entries are sums of single-bit ones
            for (int v = 2; v < 16; v++) {
                int top = Integer.highestOneBit(v);
                if (top != v) {
                    products[2 * (half + v)] = products[2 * (half + top)] ^ products[2 * (half + (v ^ top))];
                    products[2 * (half + v) + 1] = products[2 * (half + top) + 1] ^ products[2 * (half + (v ^ top)) + 1];
                }
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
        hi = 0;
        lo = 0;
        pendingLength = 0;
    }

    /** Adds bytes to the current segment (AAD or ciphertext); a segment may arrive in pieces. */
    void update(byte[] b, int off, int len) {
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
        for (; off + 16 <= end; off += 16) {
            block(PacketLayout.readLong(b, off), PacketLayout.readLong(b, off + 8));
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
        PacketLayout.writeLong(out, at, hi);
        PacketLayout.writeLong(out, at + 8, lo);
    }

    // Y_i = (Y_{i-1} xor X_i) * H, Horner over the bytes from the last: Z = Z * x^8 xor T[byte],
    // T[byte] = HIGH[byte >>> 4] xor LOW[byte & 0xf]; indexes are 2 * entry (hi, then lo)
    private void block(long xh, long xl) {
        xh ^= hi;
        xl ^= lo;
        long[] t = products;
        long zh = 0;
        long zl = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int high = (int) (xl >>> (shift + 3)) & 0x1e;
            int low = 32 + ((int) ((xl << 1) >>> shift) & 0x1e);
            int out = (int) zl & 0xff;
            zl = (zl >>> 8) | (zh << 56);
            zh = (zh >>> 8) ^ REDUCE_BYTE[out] ^ t[high] ^ t[low];
            zl ^= t[high + 1] ^ t[low + 1];
        }
        for (int shift = 0; shift < 64; shift += 8) {
            int high = (int) (xh >>> (shift + 3)) & 0x1e;
            int low = 32 + ((int) ((xh << 1) >>> shift) & 0x1e);
            int out = (int) zl & 0xff;
            zl = (zl >>> 8) | (zh << 56);
            zh = (zh >>> 8) ^ REDUCE_BYTE[out] ^ t[high] ^ t[low];
            zl ^= t[high + 1] ^ t[low + 1];
        }
        hi = zh;
        lo = zl;
    }
}
