package org.webims.ims.profile;

/**
 * Why a carrier profile was refused, with the file, line and column at fault (line and column 0
 * when the file could not be read at all). The message is "file:line:column: reason", the
 * compiler convention.
 */
public final class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public ProfileException(String file, int line, int column, String reason, Throwable cause) {
        super(format(file, line, column, reason), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    ProfileException(String file, XmlNode at, String reason) {
        this(file, at.line(), at.column(), reason, null);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }

    private static String format(String file, int line, int column, String reason) {
        return line > 0 ? file + ":" + line + ":" + column + ": " + reason : file + ": " + reason;
    }
}
