package org.webims.sip.container.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.servlet.sip.ServletParseException;

/**
 * Strict scanner for one header value that is an address (RFC 3261 §25.1 name-addr / addr-spec
 * followed by *(SEMI generic-param)) or a parameterable value (a field value followed by
 * generic-params, JSR 289 §5.4.2). JAIN-SIP's header parsers accept things RFC 4475 §3.1.2 says
 * must be refused (a comma in an unquoted display name, space inside angle brackets, trailing
 * junk read as a parameter), so the shape is checked here before JAIN-SIP builds the objects.
 */
final class HeaderSyntax {
    /** A generic-param; {@code value} is null for a flag, and the escaped content when {@code quoted}. */
    record Param(String name, String value, boolean quoted) {
        String text() {
            return value == null ? name : name + '=' + (quoted ? '"' + value + '"' : value);
        }
    }

    /** An address value: {@code displayName} as written (quoted-string or tokens) or null, the URI text, its parameters. */
    record AddressParts(String displayName, String uri, List<Param> params, boolean wildcard) {
        /** The value with the URI always in angle brackets, its scheme normalised, ready for JAIN-SIP's parser. */
        String canonical() {
            if (wildcard) {
                return "*";
            }
            StringBuilder out = new StringBuilder();
            if (displayName != null) {
                out.append(displayName).append(' ');
            }
            out.append('<').append(uri).append('>');
            params.forEach(p -> out.append(';').append(p.text()));
            return out.toString();
        }

        /** The display name as JAIN-SIP keeps it: quoted-string content (still escaped) or the tokens; null for none. */
        String displayNameContent() {
            return displayName == null || displayName.charAt(0) != '"' ? displayName
                    : displayName.substring(1, displayName.length() - 1);
        }
    }

    /** A parameterable value: the field value and its parameters. */
    record ValueParts(String value, List<Param> params) {
    }

    private final String text;
    private final String what;
    private int pos;

    private HeaderSyntax(String text, String what) throws ServletParseException {
        this.what = what;
        if (text == null) {
            throw new ServletParseException(what + " is null");
        }
        this.text = text;
        int lineBreak = Math.max(text.indexOf('\r'), text.indexOf('\n'));
        if (lineBreak >= 0) {
            pos = lineBreak;
            throw fail("line break (a header value is one line; unfold it first)");
        }
    }

    static AddressParts address(String text) throws ServletParseException {
        return new HeaderSyntax(text, "address").scanAddress();
    }

    static ValueParts parameterable(String text) throws ServletParseException {
        return new HeaderSyntax(text, "header value").scanParameterable();
    }

    private AddressParts scanAddress() throws ServletParseException {
        skipWhitespace();
        if (atEnd()) {
            throw fail("empty");
        }
        if (peek() == '*') {
            pos++;
            skipWhitespace();
            if (!atEnd()) {
                throw fail("nothing may follow the wildcard '*'");
            }
            return new AddressParts(null, null, List.of(), true);
        }
        int start = pos;
        String displayName = null;
        if (peek() == '"') {
            quotedString();
            displayName = text.substring(start, pos);
            skipWhitespace();
            if (atEnd() || peek() != '<') {
                throw fail("'<' expected after the display name");
            }
        } else {
            while (!atEnd() && (SipChars.isTokenChar(peek()) || isWhitespace(peek()))) {
                pos++;
            }
            if (!atEnd() && peek() == '<') {
                String tokens = text.substring(start, pos).strip();
                displayName = tokens.isEmpty() ? null : tokens;
            } else if (!atEnd() && text.indexOf('<', pos) >= 0
                    && !(peek() == ':' && UriSyntax.scheme(text.substring(start, pos + 1)) != null)) {
                throw fail("a display name other than words of token characters must be quoted (RFC 3261 §25.1)");
            } else {
                pos = start;
            }
        }
        String uri;
        if (!atEnd() && peek() == '<') {
            int close = text.indexOf('>', pos);
            if (close < 0) {
                throw fail("'<' without a closing '>'");
            }
            uri = text.substring(pos + 1, close);
            checkUri(uri, pos + 1);
            pos = close + 1;
        } else {
            while (!atEnd() && peek() != ';' && !isWhitespace(peek())) {
                pos++;
            }
            uri = text.substring(start, pos);
            int bad = indexOfAny(uri, ",?");
            if (bad >= 0) {
                pos = start + bad;
                // RFC 3261 §20.10: such a URI must be enclosed in "<" and ">".
                throw fail("a URI holding ',' or '?' must be enclosed in <>");
            }
            checkUri(uri, start);
        }
        List<Param> params = params();
        return new AddressParts(displayName, normaliseScheme(uri), params, false);
    }

    private ValueParts scanParameterable() throws ServletParseException {
        skipWhitespace();
        int start = pos;
        boolean inQuotes = false;
        boolean inBrackets = false;
        int commentDepth = 0;   // RFC 3261 §25.1 comment, e.g. Retry-After: 120 (in a meeting; back soon)
        for (; !atEnd(); pos++) {
            char c = peek();
            if (inQuotes || commentDepth > 0) {
                if (c == '\\') {
                    pos++;
                } else if (inQuotes && c == '"') {
                    inQuotes = false;
                } else if (!inQuotes && (c == '(' || c == ')')) {
                    commentDepth += c == '(' ? 1 : -1;
                }
            } else if (c == '(') {
                commentDepth = 1;
            } else if (c == '"') {
                inQuotes = true;
            } else if (c == '<') {
                inBrackets = true;
            } else if (c == '>') {
                inBrackets = false;
            } else if (!inBrackets && c == ';') {
                break;
            } else if (!inBrackets && c == ',') {
                throw fail("',' separates header values: pass one value at a time");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw fail("control character");
            }
        }
        if (inQuotes || commentDepth > 0) {
            throw fail(inQuotes ? "unterminated quoted string" : "unterminated comment");
        }
        String value = text.substring(start, pos).strip();
        if (value.isEmpty()) {
            pos = start;
            throw fail("empty field value");
        }
        return new ValueParts(value, params());
    }

    // *( SEMI generic-param ), where SEMI = SWS ";" SWS and EQUAL = SWS "=" SWS
    private List<Param> params() throws ServletParseException {
        List<Param> params = new ArrayList<>(4);
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                return params;
            }
            if (peek() != ';') {
                throw fail("';' expected before a parameter, found '" + SipChars.printable(String.valueOf(peek())) + "'");
            }
            pos++;
            skipWhitespace();
            String name = token();
            if (name.isEmpty()) {
                throw fail("parameter name expected");
            }
            if (!seen.add(name)) {
                throw fail("parameter " + name + " appears twice");
            }
            skipWhitespace();
            if (!atEnd() && peek() == '=') {
                pos++;
                skipWhitespace();
                params.add(genValue(name));
            } else {
                params.add(new Param(name, null, false));
            }
        }
    }

    // gen-value = token / host / quoted-string
    private Param genValue(String name) throws ServletParseException {
        if (!atEnd() && peek() == '"') {
            int start = pos;
            quotedString();
            return new Param(name, text.substring(start + 1, pos - 1), true);
        }
        if (!atEnd() && peek() == '[') {
            int close = text.indexOf(']', pos);
            String host = close < 0 ? "[" : text.substring(pos, close + 1);
            String problem = UriSyntax.hostProblem(host);
            if (problem != null) {
                throw fail(problem);
            }
            pos = close + 1;
            return new Param(name, host, false);
        }
        String value = token();
        if (value.isEmpty()) {
            throw fail("value of parameter " + name + " expected");
        }
        return new Param(name, value, false);
    }

    private String token() {
        int start = pos;
        while (!atEnd() && SipChars.isTokenChar(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    // quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE; leaves pos after the closing quote
    private void quotedString() throws ServletParseException {
        pos++;
        while (true) {
            if (atEnd()) {
                throw fail("unterminated quoted string");
            }
            char c = peek();
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                if (atEnd()) {
                    throw fail("unterminated quoted string");
                }
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw fail("control character in a quoted string (write it as a quoted-pair, \\ then the character)");
            }
            pos++;
        }
    }

    private void checkUri(String uri, int at) throws ServletParseException {
        String problem = UriSyntax.problem(uri);
        if (problem != null) {
            pos = at;
            throw fail("bad URI \"" + SipChars.printable(uri) + "\": " + problem);
        }
    }

    /** JAIN-SIP only recognises sip, sips and tel in lower case; schemes are case-insensitive (RFC 3986 §3.1). */
    static String normaliseScheme(String uri) {
        String scheme = UriSyntax.scheme(uri);
        if (scheme != null && (scheme.equals("sip") || scheme.equals("sips") || scheme.equals("tel"))
                && !uri.startsWith(scheme)) {
            return scheme + uri.substring(scheme.length());
        }
        return uri;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private void skipWhitespace() {
        while (!atEnd() && isWhitespace(peek())) {
            pos++;
        }
    }

    private ServletParseException fail(String problem) {
        return new ServletParseException(String.format(Locale.ROOT, "Bad %s \"%s\": %s (at offset %d)",
                what, SipChars.printable(text), problem, pos));
    }
}
