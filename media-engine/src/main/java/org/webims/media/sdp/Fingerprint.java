package org.webims.media.sdp;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** a=fingerprint (RFC 8122 §5): hash function and the certificate fingerprint as colon-separated hex. */
public record Fingerprint(String hashFunction, String fingerprint) implements SdpAttribute {

    public static final String NAME = "fingerprint";

    public Fingerprint {
        Objects.requireNonNull(hashFunction, "hashFunction");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public static Fingerprint parse(String value) throws SdpParseException {
        var f = SdpSyntax.fields(value);
        if (f.size() != 2) {
            throw SdpParseException.syntax("fingerprint must be <hash-func> <fingerprint>");
        }
        String hash = SdpSyntax.token(f.get(0), "fingerprint hash function");
        String fp = f.get(1);
        if (!isHexPairs(fp)) {
            throw SdpParseException.syntax("fingerprint must be hex pairs separated by ':'");
        }
        return new Fingerprint(hash, fp);
    }

    /** From raw digest bytes: upper-case hex pairs (RFC 8122 §5). */
    public static Fingerprint of(String hashFunction, byte[] digest) {
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        return new Fingerprint(hashFunction.toLowerCase(Locale.ROOT), hex);
    }

    private static boolean isHexPairs(String s) {
        if ((s.length() + 1) % 3 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public byte[] digest() {
        return HexFormat.ofDelimiter(":").parseHex(fingerprint.toUpperCase(Locale.ROOT));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return hashFunction + ' ' + fingerprint;
    }
}
