package org.webims.media.srtp;

/**
 * The counter blocks and keystream of the packet being protected or unprotected (where AES/ECB
 * makes the keystream) and GCM's tag block, per thread instead of per key (decision 0043). A relay of many calls uses each key once
 * per packet of its call, after every other call's packet: per-key buffers were cold each time,
 * about eight cache lines written and read back per packet; the thread's pair stays in cache.
 * A packet's counters and keystream live only within one protect or unprotect call, which never
 * calls another, so one pair per thread is enough.
 */
final class KeystreamScratch {

    private static final int INITIAL_BYTES = 2048;
    private static final ThreadLocal<KeystreamScratch> OF_THREAD = ThreadLocal.withInitial(KeystreamScratch::new);

    byte[] counters = new byte[INITIAL_BYTES];
    byte[] keystream = new byte[INITIAL_BYTES];
    /** GCM's S (bytes 0-15) and tag mask CIPH_K(J0) (16-31). */
    final byte[] block = new byte[32];
    /**
     * A whole GCM message laid out for one GHASH call and one counter-mode call ({@link AesGcm#sealPacket}):
     * apart from {@link #counters} and {@link #keystream}, which the AES/ECB keystream writes.
     */
    private byte[] gcm = new byte[INITIAL_BYTES];

    private KeystreamScratch() { }

    /** This thread's arrays, each at least {@code bytes} long (grown once for a longer packet). */
    static KeystreamScratch ofThisThread(int bytes) {
        KeystreamScratch s = OF_THREAD.get();
        if (s.counters.length < bytes) {
            s.counters = new byte[bytes];
            s.keystream = new byte[bytes];
        }
        return s;
    }

    /** This thread's GCM layout array, at least {@code bytes} long (grown once for a longer packet). */
    byte[] gcmLayout(int bytes) {
        if (gcm.length < bytes) {
            gcm = new byte[bytes];
        }
        return gcm;
    }
}
