package org.webims.ims.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The key a carrier's authorization server signs its RFC 8898 bearer tokens with, as its key file
 * holds it. The key alone fixes the JWS algorithm (RFC 8725 §3.1: no "none", no switching on the
 * token's say-so):
 * <ul>
 * <li>a shared secret (the file's text, surrounding blanks dropped, at least 32 bytes: RFC 7518
 * §3.2): HS256;
 * <li>a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo), the
 * issuer keeping the private key: RSA of at least 2048 bits, RS256 (RFC 7518 §3.3); EC on P-256,
 * ES256 (§3.4).
 * </ul>
 */
public sealed interface BearerKey {

    /** RFC 7518 §3.2: an HS256 key is at least as long as the hash, 256 bits. */
    int MIN_SECRET_BYTES = 32;
    /** RFC 7518 §3.3: RS256 keys of 2048 bits or more. */
    int MIN_RSA_BITS = 2048;

    /** The JWS "alg" a token must name and be signed with. */
    String algorithm();

    /** HS256 with a secret shared with the issuer. */
    record SharedSecret(byte[] secret) implements BearerKey {
        @Override
        public String algorithm() {
            return "HS256";
        }
    }

    /** RS256 or ES256 with the issuer's public key. */
    record Public(PublicKey key, String algorithm) implements BearerKey {
    }

    /** A key file that holds no usable key, with why. */
    final class InvalidKeyFile extends Exception {
        public InvalidKeyFile(String message) {
            super(message);
        }
    }

    /** Reads and checks {@code file}. */
    static BearerKey read(Path file) throws InvalidKeyFile {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidKeyFile("bearer key file " + file + " cannot be read: " + e.getMessage());
        }
        if (text.startsWith("-----BEGIN")) {
            return publicKey(file, text);
        }
        byte[] secret = text.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new InvalidKeyFile("bearer key file " + file + " holds " + secret.length + " bytes; an HS256 shared "
                    + "secret needs at least " + MIN_SECRET_BYTES + " (RFC 7518 §3.2)");
        }
        return new SharedSecret(secret);
    }

    private static BearerKey publicKey(Path file, String pem) throws InvalidKeyFile {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        if (!pem.startsWith(begin) || !pem.endsWith(end)) {
            throw new InvalidKeyFile("bearer key file " + file + " holds a PEM block that is not a PUBLIC KEY "
                    + "(the issuer's public key, never a private key or a certificate)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin.length(), pem.length() - end.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyFile("bearer key file " + file + ": the PUBLIC KEY block is not base64");
        }
        PublicKey key = decode(der, "RSA");
        if (key == null) {
            key = decode(der, "EC");
        }
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new InvalidKeyFile("bearer key file " + file + " holds a " + bits + "-bit RSA key; RS256 needs at "
                        + "least " + MIN_RSA_BITS + " (RFC 7518 §3.3)");
            }
            return new Public(rsa, "RS256");
        }
        if (key instanceof ECPublicKey ec) {
            if (!isP256(ec)) {
                throw new InvalidKeyFile("bearer key file " + file + " holds an EC key not on P-256; ES256 is P-256 "
                        + "with SHA-256 (RFC 7518 §3.4)");
            }
            return new Public(ec, "ES256");
        }
        throw new InvalidKeyFile("bearer key file " + file + " holds a PUBLIC KEY that is neither RSA nor EC");
    }

    private static PublicKey decode(byte[] der, String type) {
        try {
            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** secp256r1 (FIPS 186-4 D.1.2.3): identified by its group order. */
    private static boolean isP256(ECPublicKey key) {
        BigInteger p256Order = new BigInteger(
                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        return p256Order.equals(key.getParams().getOrder());
    }
}
