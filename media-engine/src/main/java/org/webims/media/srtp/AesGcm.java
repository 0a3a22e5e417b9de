package org.webims.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * AES-GCM with a 96-bit IV and a 16-byte tag (NIST SP 800-38D) under one key, in place, for one
 * message at a time: the counter blocks go through an AES/ECB {@link Cipher} initialised once,
 * and GHASH is {@link GcmHash}, so a packet needs no {@code Cipher.init} (the JCE's GCM takes a
 * new nonce only through init and a new parameter spec) and allocates nothing. Use: {@link #begin},
 * AAD through {@link #aad}, then {@link #seal} or {@link #open}. Not thread-safe.
 */
final class AesGcm {

    static final int TAG_LENGTH = 16;

    private final Cipher aes;
    private final GcmHash hash;
    private final byte[] iv = new byte[12];
    private final byte[] tag = new byte[TAG_LENGTH];
    private long aadBytes;

    AesGcm(byte[] key) {
        aes = AesCmHmacSha1Cipher.ecb(key);
        byte[] h = new byte[16];
        encrypt(new byte[16], 16, h); // SP 800-38D §6.4: H = CIPH_K(0^128)
        hash = new GcmHash(h);
    }

    /** Starts a message under {@code nonce[0, 12)} (copied). */
    void begin(byte[] nonce) {
        System.arraycopy(nonce, 0, iv, 0, 12);
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
        byte[] keystream = keystream(len);
        xor(keystream, b, off, len);
        hash.endSegment();
        hash.update(b, off, len);
        hash.finish(aadBytes, len, tag, 0);
        for (int i = 0; i < TAG_LENGTH; i++) {
            b[off + len + i] = (byte) (tag[i] ^ keystream[i]);
        }
    }

    /**
     * Checks the tag at {@code b[off+len]} over the AAD and the ciphertext {@code b[off, off+len)},
     * and only then decrypts in place. False, nothing decrypted, when the tag does not match.
     */
    boolean open(byte[] b, int off, int len) {
        byte[] keystream = keystream(len);
        hash.endSegment();
        hash.update(b, off, len);
        hash.finish(aadBytes, len, tag, 0);
        int diff = 0; // constant time: every byte is compared
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= (tag[i] ^ keystream[i]) ^ b[off + len + i];
        }
        if (diff != 0) {
            return false;
        }
        xor(keystream, b, off, len);
        return true;
    }

    /**
     * The keystream, in this thread's {@link KeystreamScratch}: block 0 is CIPH_K(J0) for the tag,
     * blocks 1.. the text's keystream from inc32(J0): J0 = IV || 0^31 || 1 for a 96-bit IV
     * (SP 800-38D §7.1 steps 2-3).
     */
    private byte[] keystream(int len) {
        int bytes = 16 + ((len + 15) & ~15);
        KeystreamScratch scratch = KeystreamScratch.ofThisThread(bytes);
        byte[] counters = scratch.counters;
        for (int at = 0, counter = 1; at < bytes; at += 16, counter++) {
            System.arraycopy(iv, 0, counters, at, 12);
            counters[at + 12] = (byte) (counter >>> 24);
            counters[at + 13] = (byte) (counter >>> 16);
            counters[at + 14] = (byte) (counter >>> 8);
            counters[at + 15] = (byte) counter;
        }
        encrypt(counters, bytes, scratch.keystream);
        return scratch.keystream;
    }

    private static void xor(byte[] keystream, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            b[off + i] ^= keystream[16 + i];
        }
    }

    private void encrypt(byte[] in, int bytes, byte[] out) {
        try {
            aes.update(in, 0, bytes, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keystream buffer sized wrong", e);
        }
    }
}
