package org.webims.media.sdp;

import java.util.Base64;
import java.util.Objects;

/**
 * One inline key of a=crypto (RFC 4568 §9.1): base64 key||salt, optional lifetime ("2^31" or a
 * number) and optional MKI value:length. Absent parts are null / 0. toString hides the key.
 */
public record CryptoKey(String keySaltBase64, String lifetime, long mki, int mkiLength) {

    public CryptoKey {
        Objects.requireNonNull(keySaltBase64, "keySaltBase64");
        if (mkiLength < 0 || mkiLength > 128) {
            throw new IllegalArgumentException("MKI length 0..128");
        }
    }

    /** An inline key with no lifetime and no MKI. */
    public static CryptoKey inline(byte[] keySalt) {
        return new CryptoKey(Base64.getEncoder().encodeToString(keySalt), null, 0, 0);
    }

    static CryptoKey parse(String keyParam) throws SdpParseException {
        if (!keyParam.startsWith("inline:")) {
            throw SdpParseException.syntax("crypto key method must be inline");
        }
        String[] parts = keyParam.substring("inline:".length()).split("\\|", -1);
        if (parts.length > 3) {
            throw SdpParseException.syntax("crypto key has more than lifetime and MKI");
        }
        decode(parts[0]);
        String lifetime = null;
        long mki = 0;
        int mkiLength = 0;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int colon = p.indexOf(':');
            if (colon >= 0) {
                if (mkiLength != 0) {
                    throw SdpParseException.syntax("crypto key has two MKIs");
                }
                mki = SdpSyntax.longInteger(p.substring(0, colon), 0, Long.MAX_VALUE / 2, "MKI value");
                mkiLength = SdpSyntax.integer(p.substring(colon + 1), 1, 128, "MKI length");
            } else {
                if (lifetime != null || mkiLength != 0) {
                    throw SdpParseException.syntax("crypto lifetime must come once, before the MKI");
                }
                String digits = p.startsWith("2^") ? p.substring(2) : p;
                if (!SdpSyntax.isDigits(digits)) {
                    throw SdpParseException.syntax("bad crypto lifetime '" + p + "'");
                }
                lifetime = p;
            }
        }
        return new CryptoKey(parts[0], lifetime, mki, mkiLength);
    }

    private static byte[] decode(String base64) throws SdpParseException {
        if (base64.isEmpty()) {
            throw SdpParseException.syntax("crypto key is empty");
        }
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=';
            if (!ok) {
                throw SdpParseException.syntax("crypto key is not base64");
            }
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) { // padding in the wrong place: the only fault left after the check above
            throw SdpParseException.syntax("crypto key is not base64");
        }
    }

    /** Master key followed by master salt. */
    public byte[] keySalt() {
        return Base64.getDecoder().decode(keySaltBase64);
    }

    String text() {
        StringBuilder b = new StringBuilder(64).append("inline:").append(keySaltBase64);
        if (lifetime != null) {
            b.append('|').append(lifetime);
        }
        if (mkiLength > 0) {
            b.append('|').append(mki).append(':').append(mkiLength);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "CryptoKey[lifetime=" + lifetime + ", mki=" + mki + ":" + mkiLength + "]";
    }
}
