package org.webims.media.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over a reused {@link MessageDigest}, with no allocation per message:
 * {@code javax.crypto.Mac.doFinal} returns a new array every call, this writes into ours.
 * The ipad block is hashed again per message (the digest cannot be set to a precomputed state):
 * where the JDK's SHA-1 compression is reachable, {@link HmacSha1States} does without. Not thread-safe.
 */
final class HmacSha1 implements Sha1Mac {

    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];
    private final byte[] word = new byte[4];

    HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
        byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        sha1.update(innerPad);
    }

    @Override
    public void mac(byte[] b, int off, int len, byte[] out, int at) {
        update(b, off, len);
        doFinal(out, at);
    }

    @Override
    public void macWithRoc(byte[] b, int off, int len, int roc, byte[] out, int at) {
        update(b, off, len);
        updateInt(roc);
        doFinal(out, at);
    }

    /** Adds message bytes (the digest already holds the inner pad). */
    void update(byte[] b, int off, int len) {
        sha1.update(b, off, len);
    }

    /** Adds a 32-bit big-endian value (the ROC of RFC 3711 §4.2, without a temporary array). */
    void updateInt(int v) {
        word[0] = (byte) (v >>> 24);
        word[1] = (byte) (v >>> 16);
        word[2] = (byte) (v >>> 8);
        word[3] = (byte) v;
        sha1.update(word, 0, 4);
    }

    /** Finishes the MAC into {@code out[off..off+20)} and starts the next message. */
    void doFinal(byte[] out, int off) {
        try {
            sha1.digest(inner, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(inner);
            sha1.digest(out, off, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(innerPad);
    }
}
