package org.webims.interworking.registrar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.webims.ims.profile.BearerKey;
import org.webims.ims.profile.WebAuthentication;

/**
 * Checks bearer tokens that are JWTs (RFC 7519) in JWS compact form (RFC 7515 §7.1) signed with
 * the profile's key: HMAC-SHA256 under a shared secret, or RSA or ECDSA P-256 with SHA-256 under
 * the issuer's public key (RFC 7518 §3.2-3.4). It checks the signature, the issuer, the audience
 * when one is configured, and the validity window (exp required, nbf honoured). Only the key's
 * own algorithm is accepted, whatever the header asks (RFC 8725 §3.1: no "none", no algorithm
 * switching, so no HS256 token "signed" with a public key's text). Thread-safe.
 */
final class BearerTokens {
    private static final String HMAC = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a token comes to. */
    sealed interface Verdict {
        /** Signed by the issuer, in its window, for us: {@code subject} is the web user's name. */
        record Valid(String subject) implements Verdict { }

        /** Not a token we accept (RFC 6750 §3.1 invalid_token), with why. */
        record Invalid(String reason) implements Verdict { }
    }

    private final BearerKey key;
    private final String issuer;
    private final Optional<String> audience;

    BearerTokens(BearerKey key, String issuer, Optional<String> audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The profile's checks, with the key read from its key file (a shared secret or the issuer's PEM public key). */
    static BearerTokens of(WebAuthentication.Bearer scheme) throws IOException {
        try {
            return new BearerTokens(BearerKey.read(scheme.keyFile()), scheme.issuer(), scheme.audience());
        } catch (BearerKey.InvalidKeyFile e) {
            throw new IOException(e.getMessage());
        }
    }

    Verdict verify(String token, long nowEpochSeconds) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Verdict.Invalid("not a JWS compact serialization (RFC 7515 §7.1)");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            header = JSON.readTree(b64.decode(parts[0]));
            claims = JSON.readTree(b64.decode(parts[1]));
            signature = b64.decode(parts[2]);
        } catch (IllegalArgumentException | IOException e) {
            return new Verdict.Invalid("token does not decode");
        }
        if (header == null || !header.isObject() || !key.algorithm().equals(header.path("alg").asText())) {
            return new Verdict.Invalid("token not signed with " + key.algorithm());
        }
        if (!signatureHolds(parts[0] + "." + parts[1], signature)) {
            return new Verdict.Invalid("bad token signature");
        }
        if (claims == null || !claims.isObject()) {
            return new Verdict.Invalid("token claims are not a JSON object");
        }
        if (!issuer.equals(claims.path("iss").asText(null))) {
            return new Verdict.Invalid("token from another issuer"); // RFC 7519 §4.1.1
        }
        if (audience.isPresent() && !hasAudience(claims.get("aud"), audience.get())) {
            return new Verdict.Invalid("token for another audience"); // RFC 7519 §4.1.3
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            return new Verdict.Invalid("token without exp"); // a token that never expires is not accepted
        }
        if (nowEpochSeconds >= exp.asLong()) {
            return new Verdict.Invalid("token expired"); // RFC 7519 §4.1.4
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && nbf.isNumber() && nowEpochSeconds < nbf.asLong()) {
            return new Verdict.Invalid("token not yet valid"); // RFC 7519 §4.1.5
        }
        String subject = claims.path("sub").asText("");
        if (subject.isEmpty()) {
            return new Verdict.Invalid("token without sub");
        }
        return new Verdict.Valid(subject);
    }

    private static boolean hasAudience(JsonNode aud, String wanted) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return wanted.equals(aud.asText());
        }
        for (JsonNode a : aud) {
            if (a.isTextual() && wanted.equals(a.asText())) {
                return true;
            }
        }
        return false;
    }

    private boolean signatureHolds(String signingInput, byte[] signature) {
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            if (key instanceof BearerKey.SharedSecret shared) {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(new SecretKeySpec(shared.secret(), HMAC));
                return MessageDigest.isEqual(mac.doFinal(input), signature); // constant time
            }
            BearerKey.Public pub = (BearerKey.Public) key;
            // RFC 7518 §3.4: an ES256 signature is R and S, 32 bytes each (IEEE P1363), not DER
            Signature verifier = Signature.getInstance(
                    "ES256".equals(pub.algorithm()) ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
            verifier.initVerify(pub.key());
            verifier.update(input);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a signature of the wrong shape or length
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has HmacSHA256, SHA256withRSA and SHA256withECDSAinP1363Format", e);
        }
    }
}
