package org.webims.testims.core.hss;

/** A bad HSS profile file: its message starts with {@code file:line:}. */
public final class HssProfileException extends Exception {
    private final String file;
    private final int line;

    public HssProfileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
