package org.webims.media.srtp;

/**
 * HMAC-SHA1 (RFC 2104) under one key, the SRTP and SRTCP authentication transform (RFC 3711
 * §4.2), written into the caller's array with nothing allocated per message. Where the JDK's
 * SHA-1 compression is reachable ({@link JdkSha1}), from the key's precomputed pad states
 * ({@link HmacSha1States}); else over a {@link java.security.MessageDigest} ({@link HmacSha1}).
 */
interface Sha1Mac {

    int LENGTH = 20;

    /** The MAC of {@code b[off, off+len)} into {@code out[at, at+20)}. */
    void mac(byte[] b, int off, int len, byte[] out, int at);

    /**
     * The MAC of {@code b[off, off+len)} followed by the 32-bit big-endian {@code roc} (RFC 3711
     * §4.2: M = Authenticated Portion || ROC; the ROC is authenticated, not sent) into {@code out[at, at+20)}.
     */
    void macWithRoc(byte[] b, int off, int len, int roc, byte[] out, int at);

    static Sha1Mac forKey(byte[] key) {
        return JdkSha1.available() ? new HmacSha1States(key) : new HmacSha1(key);
    }
}
