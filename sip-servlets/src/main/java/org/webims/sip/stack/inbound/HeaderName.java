package org.webims.sip.stack.inbound;

/**
 * The header fields the scanner must find before parsing, by full and compact name (RFC 3261
 * §7.3.3, §20): the ones a response copies, the ones that frame a message, and the ones that may
 * appear once only.
 */
enum HeaderName {
    VIA("Via", "v"),
    FROM("From", "f"),
    TO("To", "t"),
    CALL_ID("Call-ID", "i"),
    CSEQ("CSeq", null),
    CONTENT_LENGTH("Content-Length", "l"),
    CONTENT_TYPE("Content-Type", "c"),
    MAX_FORWARDS("Max-Forwards", null),
    OTHER("", null);

    private static final HeaderName[] KNOWN = {VIA, FROM, TO, CALL_ID, CSEQ, CONTENT_LENGTH, CONTENT_TYPE, MAX_FORWARDS};

    final String display;
    private final byte[] full;
    private final byte compact;

    HeaderName(String full, String compact) {
        this.display = full;
        this.full = full.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.compact = compact == null ? 0 : (byte) compact.charAt(0);
    }

    /** The header whose name is {@code buf[from, to)}, case-insensitive (RFC 3261 §7.3.1). */
    static HeaderName of(byte[] buf, int from, int to) {
        int length = to - from;
        if (length == 1) {
            byte b = lower(buf[from]);
            for (HeaderName h : KNOWN) {
                if (h.compact != 0 && h.compact == b) {
                    return h;
                }
            }
            return OTHER;
        }
        for (HeaderName h : KNOWN) {
            if (h.full.length == length && equalsIgnoreCase(h.full, buf, from)) {
                return h;
            }
        }
        return OTHER;
    }

    private static boolean equalsIgnoreCase(byte[] name, byte[] buf, int from) {
        for (int i = 0; i < name.length; i++) {
            if (lower(name[i]) != lower(buf[from + i])) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
