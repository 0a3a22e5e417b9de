package org.webims.interworking.peers;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test tokens as an authorization server issues them: JWS compact form (RFC 7515 §7.1), HS256,
 * RS256, ES256 or unsigned.
 */
public final class Jwt {
    private Jwt() {
    }

    /** A token with {@code claimsJson}, signed HS256 with {@code key}. */
    public static String hs256(String claimsJson, byte[] key) throws Exception {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A token with {@code claimsJson}, signed RS256 (RFC 7518 §3.3) with an RSA private key. */
    public static String rs256(String claimsJson, PrivateKey key) throws Exception {
        return signed("RS256", "SHA256withRSA", claimsJson, key);
    }

    /** A token with {@code claimsJson}, signed ES256 (RFC 7518 §3.4: R and S, 32 bytes each) with a P-256 key. */
    public static String es256(String claimsJson, PrivateKey key) throws Exception {
        return signed("ES256", "SHA256withECDSAinP1363Format", claimsJson, key);
    }

    private static String signed(String alg, String jca, String claimsJson, PrivateKey key) throws Exception {
        String input = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        Signature signer = Signature.getInstance(jca);
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    }

    /** An unsecured token (RFC 7519 §6: alg none, empty signature). */
    public static String unsigned(String claimsJson) {
        return b64("{\"alg\":\"none\"}") + "." + b64(claimsJson) + ".";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
