package org.webims.sip.container.address;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Character classes of the SIP grammar (RFC 3261 §25.1, RFC 3966 §3) and the two encodings that
 * go with them: %HH escaping inside URIs and backslash quoting inside quoted-strings. Values held
 * by JAIN-SIP objects are always in their encoded (wire) form; these helpers convert at the
 * javax.servlet.sip boundary, which speaks unescaped text (JSR 289 SipURI class comment).
 */
final class SipChars {
    private SipChars() {
    }

    private static final String ALPHANUM =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    // RFC 3261 §25.1: unreserved = alphanum / mark
    private static final String UNRESERVED = ALPHANUM + "-_.!~*'()";

    /** Which URI component a string is escaped for; each allows a different set unescaped. */
    enum UriPart {
        USER(UNRESERVED + "&=+$,;?/"),         // user-unreserved
        PASSWORD(UNRESERVED + "&=+$,"),
        PARAM(UNRESERVED + "[]/:&+$"),         // paramchar (also RFC 3966 paramchar)
        HEADER(UNRESERVED + "[]/?:+$");        // hnv-unreserved

        private final boolean[] allowed = new boolean[128];

        UriPart(String chars) {
            for (char c : chars.toCharArray()) {
                allowed[c] = true;
            }
        }

        boolean allows(char c) {
            return c < 128 && allowed[c];
        }
    }

    private static final boolean[] TOKEN = new boolean[128];

    static {
        // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        for (char c : (ALPHANUM + "-.!%*_+`'~").toCharArray()) {
            TOKEN[c] = true;
        }
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    static boolean isToken(CharSequence s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isAlphaNum(char c) {
        return c < 128 && ALPHANUM.indexOf(c) >= 0;
    }

    static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Percent-encodes (as UTF-8) every character the given URI part does not allow as is. */
    static String escape(String raw, UriPart part) {
        int i = 0;
        while (i < raw.length() && part.allows(raw.charAt(i))) {
            i++;
        }
        if (i == raw.length()) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 8).append(raw, 0, i);
        for (byte b : raw.substring(i).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (part.allows(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Decodes %HH escapes (as UTF-8); a '%' not followed by two hex digits stays as it is. */
    static String unescape(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%' && i + 2 < s.length() && isHexDigit(s.charAt(i + 1))
                    && isHexDigit(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 3;
            } else {
                int next = s.indexOf('%', i + 1);
                int end = next < 0 ? s.length() : next;
                bytes.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The content of a quoted-string holding {@code raw}: '"' and '\' and control characters become
     * quoted-pairs (RFC 3261 §25.1). CR and LF cannot be quoted, so they are refused: letting them
     * through would let a value start a new header line.
     */
    static String quotedContent(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("line breaks are not allowed in a SIP header value: "
                        + printable(raw));
            }
            boolean pair = c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f;
            if (pair && out == null) {
                out = new StringBuilder(raw.length() + 4).append(raw, 0, i);
            }
            if (out != null) {
                if (pair) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out == null ? raw : out.toString();
    }

    /** Removes the backslashes of quoted-pairs from quoted-string content. */
    static String unquote(String content) {
        if (content == null || content.indexOf('\\') < 0) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length());
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\\' && i + 1 < content.length()) {
                c = content.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A display name as it should appear in a header: bare when it is a run of tokens separated by
     * single spaces (RFC 3261 §25.1 display-name = *(token LWS)), else a quoted-string.
     */
    static String displayNameText(String raw) {
        if (isTokenRun(raw)) {
            return raw;
        }
        return '"' + quotedContent(raw) + '"';
    }

    private static boolean isTokenRun(String s) {
        if (s.isEmpty() || s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' ? s.charAt(i - 1) == ' ' : !isTokenChar(c)) {
                return false;
            }
        }
        return true;
    }

    /** Text safe to quote in an error message: control characters shown as \\uXXXX, cut at 200 chars. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > 200) {
            out.append("...");
        }
        return out.toString();
    }
}
