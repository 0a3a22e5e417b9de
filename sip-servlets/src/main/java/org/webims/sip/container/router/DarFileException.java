package org.webims.sip.container.router;

/**
 * A default application router configuration that cannot be used: names the source (file or
 * properties), the line where known, and what is wrong, as {@code file:line: reason}.
 */
public final class DarFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    /** @param line the 1-based line, or 0 where the source has no lines (properties, unreadable file) */
    public DarFileException(String source, int line, String reason) {
        this(source, line, reason, null);
    }

    public DarFileException(String source, int line, String reason, Throwable cause) {
        super(line > 0 ? source + ":" + line + ": " + reason : source + ": " + reason, cause);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    /** The 1-based line, or 0 where there is none. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
