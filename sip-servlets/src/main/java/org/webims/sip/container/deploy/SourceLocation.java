package org.webims.sip.container.deploy;

/** Where a piece of an application's metadata was declared: a descriptor line or a class file (line 0). */
public record SourceLocation(String file, int line) {
    public static SourceLocation of(String file) {
        return new SourceLocation(file, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
