package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * a=crypto (RFC 4568 §9.1): tag, crypto suite, one or more inline keys and the session
 * parameters (kept as written).
 */
public record Crypto(int tag, String suite, List<CryptoKey> keys, List<String> sessionParameters)
        implements SdpAttribute {

    public static final String NAME = "crypto";
    public static final String AES_CM_128_HMAC_SHA1_80 = "AES_CM_128_HMAC_SHA1_80";
    public static final String AES_CM_128_HMAC_SHA1_32 = "AES_CM_128_HMAC_SHA1_32";

    public Crypto {
        Objects.requireNonNull(suite, "suite");
        keys = List.copyOf(keys);
        sessionParameters = List.copyOf(sessionParameters);
        if (tag < 0 || tag > 999_999_999 || keys.isEmpty()) {
            throw new IllegalArgumentException("tag 0..999999999 and at least one key");
        }
    }

    public static Crypto parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 3) {
            throw SdpParseException.syntax("crypto must be <tag> <crypto-suite> <key-params> [<session-params>]");
        }
        int tag = SdpSyntax.integer(f.get(0), 0, 999_999_999, "crypto tag");
        String suite = SdpSyntax.token(f.get(1), "crypto suite");
        int keyLength = keySaltLength(suite);
        List<CryptoKey> keys = new ArrayList<>(1);
        for (String keyParam : f.get(2).split(";", -1)) {
            CryptoKey key = CryptoKey.parse(keyParam);
            if (keyLength > 0 && key.keySalt().length != keyLength) {
                throw SdpParseException.syntax(suite + " needs a " + keyLength + "-byte key||salt, not "
                        + key.keySalt().length);
            }
            keys.add(key);
        }
        return new Crypto(tag, suite, keys, f.subList(3, f.size()));
    }

    /** Bytes of master key plus master salt for the suites of RFC 4568 §6.2, RFC 6188 and RFC 7714; 0 when unknown. */
    public static int keySaltLength(String suite) {
        return switch (suite) {
            case AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, "F8_128_HMAC_SHA1_80" -> 30;
            case "AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32" -> 38;
            case "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32" -> 46;
            case "AEAD_AES_128_GCM" -> 28;
            case "AEAD_AES_256_GCM" -> 44;
            default -> 0;
        };
    }

    /** The first key, the one in use when the session starts. */
    public CryptoKey key() {
        return keys.get(0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder b = new StringBuilder(80).append(tag).append(' ').append(suite).append(' ');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                b.append(';');
            }
            b.append(keys.get(i).text());
        }
        for (String p : sessionParameters) {
            b.append(' ').append(p);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "Crypto[tag=" + tag + ", suite=" + suite + ", keys=" + keys.size() + ", sessionParameters="
                + sessionParameters + "]";
    }
}
