package org.webims.testims.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** HTTP digest with MD5 and qop=auth (RFC 2617 §3.2.2), as SIP uses it (RFC 3261 §22.4). */
public final class Digest {
    private Digest() {
    }

    /** request-digest = KD(H(A1), nonce:nc:cnonce:qop:H(A2)), A1 = user:realm:password, A2 = method:uri. */
    public static String response(String username, String realm, String password, String method, String uri,
                                  String nonce, String nc, String cnonce, String qop) {
        String ha1 = md5Hex(username + ":" + realm + ":" + password);
        String ha2 = md5Hex(method + ":" + uri);
        String data = qop == null ? nonce : nonce + ":" + nc + ":" + cnonce + ":" + qop;
        return md5Hex(ha1 + ":" + data + ":" + ha2);
    }

    public static String md5Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
