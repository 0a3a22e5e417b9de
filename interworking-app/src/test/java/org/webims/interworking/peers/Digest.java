package org.webims.interworking.peers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The client side of RFC 7616 MD5 qop=auth, computed independently of the server's code. */
public final class Digest {
    private Digest() {
    }

    public static String authorization(String user, String password, String realm, String nonce, String method,
                                       String uri, int nc, String cnonce) throws Exception {
        String ncHex = String.format("%08x", nc);
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + ncHex + ", cnonce=\"" + cnonce + "\"";
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
