package org.webims.media.sdp;

/**
 * A session description (or one SDP value) that cannot be accepted: the 1-based line number, the
 * offending line and the reason, ready for a 488 Warning ({@link SdpWarning}). A value parsed on
 * its own (a trickled candidate, say) has line number 0 and no line.
 */
public final class SdpParseException extends Exception {

    private static final long serialVersionUID = 1L;
    /** Lines kept in the exception are cut to this length: a 64 KiB line has no place in a log. */
    private static final int KEPT_LINE_LENGTH = 120;

    private final SdpFault fault;
    private final int lineNumber;
    private final String line;
    private final String reason;

    public SdpParseException(SdpFault fault, int lineNumber, String line, String reason) {
        super(describe(lineNumber, shorten(line), reason), null, false, false);
        this.fault = fault;
        this.lineNumber = lineNumber;
        this.line = shorten(line);
        this.reason = reason;
    }

    /** A syntax fault in a value parsed outside a document; the parser adds the position. */
    public static SdpParseException syntax(String reason) {
        return new SdpParseException(SdpFault.SYNTAX, 0, null, reason);
    }

    /** This fault placed at a line of a document. */
    SdpParseException at(int number, String text) {
        return new SdpParseException(fault, number, text, reason);
    }

    public SdpFault fault() {
        return fault;
    }

    /** 1-based; 0 when the fault is not tied to a line of a document. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line (cut to 120 characters), or null. */
    public String line() {
        return line;
    }

    public String reason() {
        return reason;
    }

    private static String shorten(String line) {
        if (line == null || line.length() <= KEPT_LINE_LENGTH) {
            return line;
        }
        return line.substring(0, KEPT_LINE_LENGTH) + "...";
    }

    private static String describe(int lineNumber, String line, String reason) {
        if (lineNumber <= 0) {
            return reason;
        }
        return line == null ? "line " + lineNumber + ": " + reason
                : "line " + lineNumber + " (" + line + "): " + reason;
    }
}
