package org.webims.sip.stack.inbound;

/**
 * What is wrong with a message before it is parsed, and what that costs: the status and reason
 * phrase of the answer (if one can be sent), and whether the stream it came on can no longer be
 * framed, so the connection must close (RFC 4475 §3.1.2.4, §3.1.2.5, §3.3.9).
 */
public record Defect(int status, String reason, boolean framingLost) {

    public static Defect badRequest(String what) {
        return new Defect(400, "Bad Request - " + what, false);
    }

    public static Defect badFraming(String what) {
        return new Defect(400, "Bad Request - " + what, true);
    }

    /** {@code text} fit for a reason phrase: printable ASCII, one line, at most 100 characters. */
    public static String printable(String text) {
        if (text == null || text.isBlank()) {
            return "malformed message";
        }
        StringBuilder s = new StringBuilder(Math.min(text.length(), 100));
        for (int i = 0; i < text.length() && s.length() < 100; i++) {
            char c = text.charAt(i);
            s.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return s.toString().trim();
    }

    /** RFC 3261 §21.5.14: over a limit; the rest of the stream is not read. */
    public static Defect tooLarge(String what) {
        return new Defect(513, "Message Too Large - " + what, true);
    }
}
