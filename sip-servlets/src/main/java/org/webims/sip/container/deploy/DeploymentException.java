package org.webims.sip.container.deploy;

/**
 * Why an application could not be deployed, naming the file and line at fault. Only that
 * deployment fails; the container and other applications carry on.
 */
public final class DeploymentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String reason;

    public DeploymentException(String file, int line, String reason) {
        this(file, line, reason, null);
    }

    public DeploymentException(String file, int line, String reason, Throwable cause) {
        super(format(file, line, reason), cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    DeploymentException(SourceLocation at, String reason) {
        this(at.file(), at.line(), reason, null);
    }

    DeploymentException(SourceLocation at, String reason, Throwable cause) {
        this(at.file(), at.line(), reason, cause);
    }

    /** The file at fault: a descriptor, a class file, or the deployed folder or archive itself. */
    public String file() {
        return file;
    }

    /** The line in {@link #file()}, or 0 when the file has no lines (a class) or none is known. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }

    /** "file:line: reason", the compiler convention; "file: reason" when the line is unknown. */
    private static String format(String file, int line, String reason) {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}
