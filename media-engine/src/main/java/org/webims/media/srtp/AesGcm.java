package org.webims.media.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * AES-GCM with a 96-bit IV and a 16-byte tag (NIST SP 800-38D) under one key, in place, for one
 * message at a time: the keystream is {@link AesCtr}'s (the JDK's counter-mode intrinsic where
 * reachable) and GHASH is {@link GcmHash}, so a packet needs no {@code Cipher.init} (the JCE's GCM
 * takes a new nonce only through init and a new parameter spec) and allocates nothing. Use:
 * {@link #begin}, then either AAD through {@link #aad} and {@link #seal} or {@link #open} (AAD in
 * pieces: SRTCP), or, for AAD followed by the text in one array (SRTP: the header, then the
 * payload), {@link #sealPacket} or {@link #openPacket}: one GHASH call and one counter-mode call
 * per packet instead of three and two. Not thread-safe.
 */
final class AesGcm {

    static final int TAG_LENGTH = 16;

    private final AesCtr ctr;
    private final GcmHash hash;
    /** J0 = IV || 0^31 || 1 for a 96-bit IV (SP 800-38D §7.1 step 2): bytes 12-15 stay 0, 0, 0, 1. */
    private final byte[] j0 = new byte[16];
    private long aadBytes;

    AesGcm(byte[] key) {
        this(key, JdkAesCtr.available(), JdkGhash.available());
    }

    /** {@code jdkCtr}, {@code jdkGhash}: the JDK's intrinsics (only where available), else the fallbacks. */
    AesGcm(byte[] key, boolean jdkCtr, boolean jdkGhash) {
        ctr = new AesCtr(key, jdkCtr);
        byte[] h = new byte[16];
        ctr.start(new byte[16]);
        ctr.apply(h, 0, 16); // SP 800-38D §6.4: H = CIPH_K(0^128), the keystream of counter block 0
        hash = new GcmHash(h, jdkGhash);
        j0[15] = 1;
    }

    /** Starts a message under {@code nonce[0, 12)} (copied). */
    void begin(byte[] nonce) {
        System.arraycopy(nonce, 0, j0, 0, 12);
        hash.reset();
        aadBytes = 0;
    }

    /** Additional authenticated data; may come in pieces, all before the text. */
    void aad(byte[] b, int off, int len) {
        hash.update(b, off, len);
        aadBytes += len;
    }

    /** Encrypts {@code b[off, off+len)} in place and writes the tag after it. */
    void seal(byte[] b, int off, int len) {
        byte[] block = tagMask();
        ctr.apply(b, off, len); // SP 800-38D §7.1 step 4: GCTR from inc32(J0)
        hash.endSegment();
        hash.update(b, off, len);
        hash.finish(aadBytes, len, block, 0);
        writeTag(block, b, off + len);
    }

    /**
     * Checks the tag at {@code b[off+len]} over the AAD and the ciphertext {@code b[off, off+len)},
     * and only then decrypts in place. False, nothing decrypted, when the tag does not match.
     */
    boolean open(byte[] b, int off, int len) {
        hash.endSegment();
        hash.update(b, off, len);
        byte[] block = tagMask();
        hash.finish(aadBytes, len, block, 0);
        if (!tagMatches(block, block, 16, b, off + len)) {
            return false;
        }
        ctr.apply(b, off, len);
        return true;
    }

    /**
     * Encrypts the text {@code b[off+aadLength, off+aadLength+textLength)} in place, authenticating
     * the AAD {@code b[off, off+aadLength)} before it, and writes the tag after the text; the same
     * bytes as {@link #aad} then {@link #seal}. The text goes through this thread's layout array
     * right after a zero block, so one counter-mode call from J0 gives CIPH_K(J0), the tag's mask
     * (SP 800-38D §7.1 step 6), and the ciphertext from inc32(J0) (step 4); then the padded AAD,
     * the ciphertext, its padding and the length block lie in a row for one GHASH call (step 5).
     */
    void sealPacket(byte[] b, int off, int aadLength, int textLength) {
        KeystreamScratch scratch = KeystreamScratch.ofThisThread(0);
        byte[] s = layIn(scratch, b, off, aadLength, textLength);
        int textAt = off + aadLength;
        int text = textOffset(aadLength);
        clear(s, text - 16, 16);
        ctr.start(j0);
        ctr.apply(s, text - 16, 16 + textLength);
        System.arraycopy(s, text, b, textAt, textLength);
        byte[] block = scratch.block;
        System.arraycopy(s, text - 16, block, 16, 16); // the mask, before the AAD takes its place
        digest(s, text, b, off, aadLength, textLength, block);
        writeTag(block, b, textAt + textLength);
    }

    /**
     * Checks the tag at {@code b[off+aadLength+textLength]} over the AAD {@code b[off, off+aadLength)}
     * and the ciphertext after it, and only then writes the decrypted text over the ciphertext in
     * place; the same as {@link #aad} then {@link #open}. The text is decrypted in this thread's
     * layout array, after the hash, with the tag's mask in the same counter-mode call; a packet
     * whose tag does not match is left as it came (false).
     */
    boolean openPacket(byte[] b, int off, int aadLength, int textLength) {
        KeystreamScratch scratch = KeystreamScratch.ofThisThread(0);
        byte[] s = layIn(scratch, b, off, aadLength, textLength);
        int textAt = off + aadLength;
        int text = textOffset(aadLength);
        byte[] block = scratch.block;
        digest(s, text, b, off, aadLength, textLength, block);
        clear(s, text - 16, 16); // the AAD's last block, hashed: now the room for CIPH_K(J0)
        ctr.start(j0);
        ctr.apply(s, text - 16, 16 + textLength);
        if (!tagMatches(block, s, text - 16, b, textAt + textLength)) {
            return false;
        }
        System.arraycopy(s, text, b, textAt, textLength);
        return true;
    }

    // AAD, text and tag inside the array, neither length negative (the intrinsics check no bounds)
    private static void checkPacket(byte[] b, int off, int aadLength, int textLength) {
        Objects.checkFromIndexSize(off, aadLength, b.length);
        Objects.checkFromIndexSize(off + aadLength, textLength, b.length);
        Objects.checkFromIndexSize(off + aadLength + textLength, TAG_LENGTH, b.length);
    }

    // In the layout array the AAD, padded to whole blocks, ends where the text starts; at least one
    // block comes before the text (the mask's room when there is no AAD). Then the text, padded, then
    // the length block [len(A)]64 || [len(C)]64.
    private static int textOffset(int aadLength) {
        return Math.max((aadLength + 15) & ~15, 16);
    }

    // the ranges checked, the text copied into the layout array at textOffset, its padding and the length block after it
    private static byte[] layIn(KeystreamScratch scratch, byte[] b, int off, int aadLength, int textLength) {
        checkPacket(b, off, aadLength, textLength);
        int text = textOffset(aadLength);
        byte[] s = layout(scratch, text, aadLength, textLength);
        System.arraycopy(b, off + aadLength, s, text, textLength);
        return s;
    }

    // the layout array with the text's padding and the length block written; the AAD and the text are the caller's
    private static byte[] layout(KeystreamScratch scratch, int text, int aadLength, int textLength) {
        int padded = (textLength + 15) & ~15;
        byte[] s = scratch.gcmLayout(text + padded + 16);
        clear(s, text + textLength, padded - textLength);
        PacketLayout.writeLong(s, text + padded, (long) aadLength << 3);
        PacketLayout.writeLong(s, text + padded + 8, (long) textLength << 3);
        return s;
    }

    // the AAD and its padding into the layout, then GHASH of the whole row in one call: S to block[0, 16)
    private void digest(byte[] s, int text, byte[] b, int off, int aadLength, int textLength, byte[] block) {
        int first = text - ((aadLength + 15) & ~15);
        System.arraycopy(b, off, s, first, aadLength);
        clear(s, first + aadLength, text - first - aadLength);
        hash.digest(s, first, (text - first + ((textLength + 15) & ~15) + 16) >>> 4, block, 0);
    }

    private static void clear(byte[] s, int from, int length) {
        Arrays.fill(s, from, from + length, (byte) 0);
    }

    // the tag T = S xor CIPH_K(J0) (SP 800-38D §7.1 step 6): S in block[0, 16), the mask in block[16, 32)
    private static void writeTag(byte[] block, byte[] b, int at) {
        for (int i = 0; i < TAG_LENGTH; i++) {
            b[at + i] = (byte) (block[i] ^ block[16 + i]);
        }
    }

    // S in block[0, 16) masked by mask[maskAt, maskAt+16) against the tag at b[at]; constant time: every byte is compared
    private static boolean tagMatches(byte[] block, byte[] mask, int maskAt, byte[] b, int at) {
        int diff = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= (block[i] ^ mask[maskAt + i]) ^ b[at + i];
        }
        return diff == 0;
    }

    /**
     * Starts the keystream at J0 and takes its first block, CIPH_K(J0), which masks the tag
     * (SP 800-38D §7.1 step 6), into bytes 16-31 of this thread's scratch block; bytes 0-15 are for
     * S. The text's keystream then runs on from inc32(J0).
     */
    private byte[] tagMask() {
        byte[] block = KeystreamScratch.ofThisThread(0).block;
        clear(block, 16, 16);
        ctr.start(j0);
        ctr.apply(block, 16, 16);
        return block;
    }
}
