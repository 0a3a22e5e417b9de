package org.webims.media.srtp;

import java.util.Objects;

/**
 * The JDK's SHA-1 compression function (FIPS 180-4 §6.1.2; its SHA-NI intrinsic, {@link JdkSha1})
 * over a chaining value the caller sets. It keeps no key and no message: one per thread
 * ({@link #ofThisThread}) serves every HMAC key, whose precomputed states ({@link HmacSha1States})
 * are copied into {@link #state} per message, so a relay of many calls touches one engine that
 * stays in cache rather than a digest object per key. Only where {@link JdkSha1#available()}.
 * Not thread-safe.
 */
final class Sha1Engine {

    private static final ThreadLocal<Sha1Engine> OF_THREAD = ThreadLocal.withInitial(Sha1Engine::new);

    private final Object sha = JdkSha1.newSha();
    /** H0..H4: the JDK engine's own array, which its compression reads and writes. */
    final int[] state = JdkSha1.state(sha);
    /** A message's last one or two blocks, padded (FIPS 180-4 §5.1.1); HMAC's outer block. */
    final byte[] tail = new byte[128];

    Sha1Engine() { }

    static Sha1Engine ofThisThread() {
        return OF_THREAD.get();
    }

    /** FIPS 180-4 §5.3.1: H(0). */
    static void initialValue(int[] h) {
        h[0] = 0x67452301;
        h[1] = 0xefcdab89;
        h[2] = 0x98badcfe;
        h[3] = 0x10325476;
        h[4] = 0xc3d2e1f0;
    }

    /** The five words big-endian into {@code out[at, at+20)}: the digest, or HMAC's inner hash. */
    static void writeState(int[] h, byte[] out, int at) {
        for (int i = 0; i < 5; i++) {
            AesCmHmacSha1Cipher.writeInt(out, at + 4 * i, h[i]);
        }
    }

    /** Compresses the block {@code b[off, off+64)} into {@link #state}. */
    void compress(byte[] b, int off) {
        Objects.checkFromIndexSize(off, 64, b.length); // the intrinsic checks no bounds
        JdkSha1.compress(sha, b, off);
    }
}
