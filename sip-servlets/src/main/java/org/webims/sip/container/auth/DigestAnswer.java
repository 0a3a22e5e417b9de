package org.webims.sip.container.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The response to one Digest challenge (RFC 3261 §22.4, RFC 7616 §3.4.1, RFC 8760 for SHA-256):
 * H(A1) from the user's credentials and the realm, H(A2) from the method and Request-URI, and,
 * where the challenge offers qop=auth, a client nonce and nonce count in the hash.
 */
record DigestAnswer(String algorithm, String qop, String cnonce, int nonceCount, String response) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a challenge asks for that we cannot give. */
    static final class Unanswerable extends Exception {
        Unanswerable(String message) {
            super(message);
        }
    }

    /**
     * @param challengeAlgorithm the challenge's algorithm (null: MD5, RFC 7616 §3.3)
     * @param challengeQop       its qop options (null: none, the RFC 2069 form)
     */
    static DigestAnswer to(String challengeAlgorithm, String challengeQop, String realm, String nonce,
                           String username, String password, String method, String uri) throws Unanswerable {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return to(challengeAlgorithm, challengeQop, realm, nonce, username, password, method, uri,
                HexFormat.of().formatHex(random));
    }

    /** As above, with the client nonce given (RFC 7616 §3.9's examples). */
    static DigestAnswer to(String challengeAlgorithm, String challengeQop, String realm, String nonce,
                           String username, String password, String method, String uri, String cnonce)
            throws Unanswerable {
        String algorithm = challengeAlgorithm == null ? "MD5" : challengeAlgorithm;
        String digest = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> throw new Unanswerable("digest algorithm " + algorithm + " (we answer MD5 and SHA-256)");
        };
        String ha1 = hash(digest, username + ":" + realm + ":" + password);
        String ha2 = hash(digest, method + ":" + uri);
        if (challengeQop == null || challengeQop.isBlank()) {
            return new DigestAnswer(algorithm, null, null, 0, hash(digest, ha1 + ":" + nonce + ":" + ha2));
        }
        if (!offersAuth(challengeQop)) {
            throw new Unanswerable("qop " + challengeQop + " (we answer qop=auth)");
        }
        int nc = 1; // each answer is to a fresh challenge: its nonce is used once
        String response = hash(digest, ha1 + ":" + nonce + ":" + String.format("%08x", nc) + ":" + cnonce + ":auth:" + ha2);
        return new DigestAnswer(algorithm, "auth", cnonce, nc, response);
    }

    private static boolean offersAuth(String qopOptions) {
        for (String option : qopOptions.split(",")) {
            if (option.strip().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static String hash(String digest, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(digest).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + digest, e);
        }
    }
}
