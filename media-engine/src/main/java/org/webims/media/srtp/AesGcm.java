package org.webims.media.srtp;

/**
 * AES-GCM with a 96-bit IV and a 16-byte tag (NIST SP 800-38D) under one key, in place, for one
 * message at a time: the keystream is {@link AesCtr}'s (the JDK's counter-mode intrinsic where
 * reachable) and GHASH is {@link GcmHash}, so a packet needs no {@code Cipher.init} (the JCE's GCM
 * takes a new nonce only through init and a new parameter spec) and allocates nothing. Use:
 * {@link #begin}, AAD through {@link #aad}, then {@link #seal} or {@link #open}. Not thread-safe.
 */
final class AesGcm {

    static final int TAG_LENGTH = 16;

    private final AesCtr ctr;
    private final GcmHash hash;
    /** J0 = IV || 0^31 || 1 for a 96-bit IV (SP 800-38D §7.1 step 2): bytes 12-15 stay 0, 0, 0, 1. */
    private final byte[] j0 = new byte[16];
    private long aadBytes;

    AesGcm(byte[] key) {
        ctr = new AesCtr(key);
        byte[] h = new byte[16];
        ctr.start(new byte[16]);
        ctr.apply(h, 0, 16); // SP 800-38D §6.4: H = CIPH_K(0^128), the keystream of counter block 0
        hash = new GcmHash(h);
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
        for (int i = 0; i < TAG_LENGTH; i++) {
            b[off + len + i] = (byte) (block[i] ^ block[16 + i]);
        }
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
        int diff = 0; // constant time: every byte is compared
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= (block[i] ^ block[16 + i]) ^ b[off + len + i];
        }
        if (diff != 0) {
            return false;
        }
        ctr.apply(b, off, len);
        return true;
    }

    /**
     * Starts the keystream at J0 and takes its first block, CIPH_K(J0), which masks the tag
     * (SP 800-38D §7.1 step 6), into bytes 16-31 of this thread's scratch block; bytes 0-15 are for
     * S. The text's keystream then runs on from inc32(J0).
     */
    private byte[] tagMask() {
        byte[] block = KeystreamScratch.ofThisThread(0).block;
        for (int i = 16; i < 32; i++) {
            block[i] = 0;
        }
        ctr.start(j0);
        ctr.apply(block, 16, 16);
        return block;
    }
}
