package org.webims.media.filetest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for ffprobe's output (objects, arrays, strings, numbers, literals), because
 * media-engine has no JSON library; values become Map, List, String, Double, Boolean or null.
 */
public final class MiniJson {

    private final String s;
    private int p;

    private MiniJson(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        MiniJson j = new MiniJson(text);
        Object v = j.value();
        j.skipSpace();
        if (j.p != text.length()) {
            throw j.error("trailing text");
        }
        return v;
    }

    private Object value() {
        skipSpace();
        char c = s.charAt(p);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default: return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        p++;
        skipSpace();
        if (s.charAt(p) == '}') {
            p++;
            return m;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            m.put(key, value());
            skipSpace();
            if (s.charAt(p) == ',') {
                p++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        p++;
        skipSpace();
        if (s.charAt(p) == ']') {
            p++;
            return l;
        }
        while (true) {
            l.add(value());
            skipSpace();
            if (s.charAt(p) == ',') {
                p++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(p++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = s.charAt(p++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
                        p += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private Double number() {
        int start = p;
        while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
            p++;
        }
        if (start == p) {
            throw error("unexpected character");
        }
        return Double.valueOf(s.substring(start, p));
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, p)) {
            throw error("expected " + word);
        }
        p += word.length();
        return v;
    }

    private void expect(char c) {
        if (s.charAt(p) != c) {
            throw error("expected '" + c + "'");
        }
        p++;
    }

    private void skipSpace() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + p);
    }
}
