package org.webims.interworking.peers;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test tokens as an authorization server issues them: JWS compact form (RFC 7515 §7.1), HS256 or unsigned. */
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

    /** An unsecured token (RFC 7519 §6: alg none, empty signature). */
    public static String unsigned(String claimsJson) {
        return b64("{\"alg\":\"none\"}") + "." + b64(claimsJson) + ".";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
