package org.webims.media.sdp.negotiation;

import java.security.SecureRandom;

import org.webims.media.sdp.Crypto;
import org.webims.media.sdp.CryptoKey;

/** Fresh SDES master key||salt (RFC 4568 §6.1: keys from a cryptographically strong source). */
final class SdesKeys {

    private final SecureRandom random;

    SdesKeys(SecureRandom random) {
        this.random = random;
    }

    /** Whether we can make keys for the suite: one whose key||salt length is known. */
    static boolean canKey(String suite) {
        return Crypto.keySaltLength(suite) > 0;
    }

    Crypto newCrypto(int tag, String suite) {
        byte[] keySalt = new byte[Crypto.keySaltLength(suite)];
        random.nextBytes(keySalt);
        return new Crypto(tag, suite, java.util.List.of(CryptoKey.inline(keySalt)), java.util.List.of());
    }
}
