package org.webims.media.sdp;

/**
 * The value of a SIP Warning header (RFC 3261 §20.43) explaining why a session description was
 * refused, for a 488 Not Acceptable Here: {@code 399 host "SDP line 9: bad m= port 'x'"}.
 */
public final class SdpWarning {

    /** RFC 3261 §20.43 codes a media refusal may carry. */
    public static final int INCOMPATIBLE_TRANSPORT = 302;
    public static final int MEDIA_TYPE_NOT_AVAILABLE = 304;
    public static final int INCOMPATIBLE_MEDIA_FORMAT = 305;
    public static final int MISCELLANEOUS = 399;

    /** Warning texts are cut here: a header is no place for a whole SDP line of 4 KiB. */
    private static final int MAX_TEXT = 160;

    private SdpWarning() {
    }

    /** {@code 399 agent "SDP line N (line): reason"}. */
    public static String forParseError(String agent, SdpParseException e) {
        String where = e.lineNumber() > 0 ? "SDP line " + e.lineNumber() + ": " : "SDP: ";
        return value(MISCELLANEOUS, agent, where + e.reason());
    }

    /** {@code code agent "text"}, the text made a valid quoted-string (RFC 3261 §25.1). */
    public static String value(int code, String agent, String text) {
        if (code < 300 || code > 399) {
            throw new IllegalArgumentException("warn-code for SDP is 3xx");
        }
        StringBuilder b = new StringBuilder(agent.length() + text.length() + 12).append(code).append(' ')
                .append(agent).append(" \"");
        int n = Math.min(text.length(), MAX_TEXT);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(' '); // CR, LF and other controls cannot appear even escaped
            } else {
                b.append(c);
            }
        }
        if (text.length() > MAX_TEXT) {
            b.append("...");
        }
        return b.append('"').toString();
    }
}
