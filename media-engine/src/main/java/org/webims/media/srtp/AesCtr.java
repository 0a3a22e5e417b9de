package org.webims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES counter-mode keystream under one key, XORed into the caller's bytes in place: counter block
 * i is the initial block plus i modulo 2^128 (RFC 3711 §4.1.1; for GCM's inc32, SP 800-38D §6.2,
 * the same while a message has fewer than 2^32 blocks, which a datagram always has). Through the
 * JDK's counter mode and its intrinsic where {@link JdkAesCtr} reaches it; else the counter blocks
 * go through an AES/ECB {@link Cipher} into this thread's {@link KeystreamScratch}. Nothing is
 * allocated per message. Not thread-safe.
 */
final class AesCtr {

    private final Object jdk;
    /** The JDK mode's IV array: the next message's initial counter block is written here. */
    private final byte[] jdkCounter;
    private final Cipher ecb;
    /** AES/ECB: the next counter block. */
    private final byte[] counter;

    AesCtr(byte[] key) {
        this(key, JdkAesCtr.available());
    }

    /** {@code jdk}: the JDK's counter mode (only where {@link JdkAesCtr#available()}), else AES/ECB. */
    AesCtr(byte[] key, boolean jdk) {
        if (jdk) {
            jdkCounter = new byte[16];
            this.jdk = JdkAesCtr.newMode(key, jdkCounter);
            ecb = null;
            counter = null;
        } else {
            this.jdk = null;
            jdkCounter = null;
            ecb = ecb(key);
            counter = new byte[16];
        }
    }

    /** Whether the keystream comes from the JDK's counter mode. */
    boolean usesJdk() {
        return jdk != null;
    }

    /** Starts a message's keystream at the counter block {@code initial[0, 16)} (copied). */
    void start(byte[] initial) {
        if (jdk != null) {
            System.arraycopy(initial, 0, jdkCounter, 0, 16);
            JdkAesCtr.reset(jdk);
        } else {
            System.arraycopy(initial, 0, counter, 0, 16);
        }
    }

    /**
     * XORs the message's next {@code len} keystream bytes into {@code b[off, off+len)}. Every call
     * of a message but its last must take whole blocks.
     */
    void apply(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length); // the intrinsic checks no bounds
        if (len == 0) {
            return;
        }
        if (jdk != null) {
            JdkAesCtr.crypt(jdk, b, off, len, b, off);
            return;
        }
        int bytes = (len + 15) & ~15;
        KeystreamScratch scratch = KeystreamScratch.ofThisThread(bytes);
        byte[] counters = scratch.counters;
        for (int at = 0; at < bytes; at += 16) {
            System.arraycopy(counter, 0, counters, at, 16);
            increment(counter);
        }
        try {
            ecb.update(counters, 0, bytes, scratch.keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keystream buffer sized wrong", e);
        }
        byte[] keystream = scratch.keystream;
        for (int i = 0; i < len; i++) {
            b[off + i] ^= keystream[i];
        }
    }

    /** AES under {@code key} as a raw block function (the AES-NI intrinsic underneath); the fallback builds its counter blocks on it. */
    static Cipher ecb(byte[] key) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/ECB/NoPadding", e);
        }
    }

    // the counter block plus one, modulo 2^128, big-endian
    private static void increment(byte[] block) {
        for (int i = 15; i >= 0 && ++block[i] == 0; i--) {
            // carried
        }
    }
}
