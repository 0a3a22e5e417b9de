package org.webims.webrtc.ice;

import java.security.SecureRandom;

/**
 * An ICE username fragment and password (RFC 8445 §5.3: at least 24 bits and 128 bits of
 * randomness; RFC 8839 §5.4: ice-char is ALPHA / DIGIT / "+" / "/").
 */
public record IceCredentials(String ufrag, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    public IceCredentials {
        if (ufrag.length() < 4 || ufrag.length() > 256 || password.length() < 22 || password.length() > 256) {
            throw new IllegalArgumentException("ICE ufrag must be 4-256 and password 22-256 characters");
        }
    }

    public static IceCredentials generate() {
        return new IceCredentials(random(8), random(24));
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }
}
