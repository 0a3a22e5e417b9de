package org.webims.sip.container.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads text in the {@code java.util.Properties} syntax (comments, blank lines, continuation
 * lines, key separators, escapes) like {@code Properties.load} does, but keeps every entry, in
 * order, with the physical line of each value character, so errors can name the line.
 */
final class PropertiesText {

    /** One key and value; {@link #lineAt} maps a value offset back to its physical line. */
    record Entry(String key, int line, String value, int[] valueLines) {
        int lineAt(int valueOffset) {
            if (valueLines.length == 0) {
                return line;
            }
            return valueLines[Math.min(valueOffset, valueLines.length - 1)];
        }
    }

    private final String source;
    private final String text;
    private int pos;
    private int line = 1;

    private PropertiesText(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The entries of {@code text}, in file order, duplicates kept. */
    static List<Entry> entries(String source, String text) {
        return new PropertiesText(source, text).readAll();
    }

    private List<Entry> readAll() {
        List<Entry> entries = new ArrayList<>();
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (isLineEnd(c)) {
                endLine();
            } else if (c == '#' || c == '!') {
                // A comment is one physical line: a trailing backslash does not continue it.
                while (pos < text.length() && !isLineEnd(text.charAt(pos))) {
                    pos++;
                }
                endLine();
            } else {
                entries.add(readEntry());
            }
        }
        return entries;
    }

    /** Joins a logical line (physical lines ended by an odd number of backslashes) and splits it. */
    private Entry readEntry() {
        int startLine = line;
        StringBuilder raw = new StringBuilder();
        IntList rawLines = new IntList();
        while (true) {
            int segmentStart = raw.length();
            while (pos < text.length() && !isLineEnd(text.charAt(pos))) {
                raw.append(text.charAt(pos++));
                rawLines.add(line);
            }
            int backslashes = 0;
            for (int i = raw.length() - 1; i >= segmentStart && raw.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            boolean continues = backslashes % 2 == 1;
            if (continues) {
                raw.setLength(raw.length() - 1);
                rawLines.truncate(raw.length());
            }
            endLine();
            if (!continues || pos >= text.length()) {
                break;
            }
            skipBlanks();
        }
        return split(raw, rawLines.toArray(), startLine);
    }

    private Entry split(CharSequence raw, int[] rawLines, int startLine) {
        int keyEnd = 0;
        boolean escaped = false;
        while (keyEnd < raw.length()) {
            char c = raw.charAt(keyEnd);
            if (!escaped && (c == '=' || c == ':' || isBlank(c))) {
                break;
            }
            escaped = c == '\\' && !escaped;
            keyEnd++;
        }
        int valueStart = keyEnd;
        while (valueStart < raw.length() && isBlank(raw.charAt(valueStart))) {
            valueStart++;
        }
        if (valueStart < raw.length() && (raw.charAt(valueStart) == '=' || raw.charAt(valueStart) == ':')) {
            valueStart++;
            while (valueStart < raw.length() && isBlank(raw.charAt(valueStart))) {
                valueStart++;
            }
        }
        StringBuilder key = new StringBuilder();
        unescape(raw, rawLines, 0, keyEnd, key, new IntList());
        StringBuilder value = new StringBuilder();
        IntList valueLines = new IntList();
        unescape(raw, rawLines, valueStart, raw.length(), value, valueLines);
        return new Entry(key.toString(), startLine, value.toString(), valueLines.toArray());
    }

    private void unescape(CharSequence raw, int[] rawLines, int from, int to, StringBuilder out, IntList outLines) {
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            int at = rawLines[i];
            i++;
            if (c == '\\' && i < to) {
                c = raw.charAt(i++);
                switch (c) {
                    case 't' -> c = '\t';
                    case 'n' -> c = '\n';
                    case 'r' -> c = '\r';
                    case 'f' -> c = '\f';
                    case 'u' -> {
                        if (i + 4 > to) {
                            throw new DarFileException(source, at, "malformed \\uxxxx escape");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(raw.charAt(i++), 16);
                            if (digit < 0) {
                                throw new DarFileException(source, at, "malformed \\uxxxx escape");
                            }
                            code = code * 16 + digit;
                        }
                        c = (char) code;
                    }
                    default -> { }
                }
            }
            out.append(c);
            outLines.add(at);
        }
    }

    private void skipBlanks() {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    /** Consumes one line terminator (\n, \r or \r\n) if there is one. */
    private void endLine() {
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            }
            line++;
        } else if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
            line++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r';
    }

    /** A growable int array: one line number per character. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void truncate(int newSize) {
            size = newSize;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
