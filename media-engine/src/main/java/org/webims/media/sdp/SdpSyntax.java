package org.webims.media.sdp;

import java.util.ArrayList;
import java.util.List;

/** The lexical rules of RFC 8866 §9 shared by the line and attribute parsers. */
final class SdpSyntax {

    private SdpSyntax() {
    }

    /** RFC 8866 §9 token-char. */
    static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\''
                || c == '*' || c == '+' || c == '-' || c == '.' || c == '^' || c == '_'
                || c == '`' || c == '{' || c == '|' || c == '}' || c == '~';
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String token(String s, String what) throws SdpParseException {
        if (!isToken(s)) {
            throw SdpParseException.syntax("bad " + what + " '" + s + "'");
        }
        return s;
    }

    /** RFC 8839 §5.1 ice-char: ALPHA / DIGIT / "+" / "/". */
    static boolean isIceChars(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The fields of a value separated by spaces. RFC 8866 asks for exactly one SP; runs of blanks
     * are accepted (RFC 8866 §5: be tolerant in what you accept) and lost on writing.
     */
    static List<String> fields(String value) {
        List<String> out = new ArrayList<>(8);
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && isBlank(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(value.substring(start, i));
            }
        }
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static int integer(String s, int min, int max, String what) throws SdpParseException {
        long v = longInteger(s, min, max, what);
        return (int) v;
    }

    static long longInteger(String s, long min, long max, String what) throws SdpParseException {
        if (!isDigits(s) || s.length() > 18) {
            throw SdpParseException.syntax("bad " + what + " '" + s + "'");
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw SdpParseException.syntax(what + " " + v + " out of range " + min + ".." + max);
        }
        return v;
    }

    /** RFC 3890 §6.4 packet-rate: 1*DIGIT ["." 1*DIGIT], more than 0 (a stream of no packets says b=AS:0). */
    static double packetRate(String s) throws SdpParseException {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String fraction = dot < 0 ? "0" : s.substring(dot + 1);
        if (!isDigits(whole) || !isDigits(fraction) || whole.length() > 7 || fraction.length() > 6) {
            throw SdpParseException.syntax("bad maxprate '" + s + "' (RFC 3890 packet-rate, e.g. 50 or 28.5)");
        }
        double v = Double.parseDouble(s);
        if (v <= 0) {
            throw SdpParseException.syntax("maxprate must be more than 0 packets a second, got '" + s + "'");
        }
        return v;
    }

    /** Checks a unicast address (or FQDN) for the RFC 8866 address types IP4 and IP6; other types pass as tokens. */
    static void checkAddress(String addrType, String address) throws SdpParseException {
        boolean ok;
        if ("IP4".equals(addrType)) {
            ok = looksNumeric(address) ? isIp4(address) : isFqdn(address);
        } else if ("IP6".equals(addrType)) {
            ok = address.indexOf(':') >= 0 ? isIp6(address) : !looksNumeric(address) && isFqdn(address);
        } else {
            ok = !address.isEmpty() && address.chars().noneMatch(c -> c <= ' ' || c == 0x7f);
        }
        if (!ok) {
            throw SdpParseException.syntax("bad " + addrType + " address '" + address + "'");
        }
    }

    private static boolean looksNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    static boolean isIp4(String s) {
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            if (i == start || value > 255) {
                return false;
            }
            parts++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return parts == 4;
    }

    static boolean isIp6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue; // part of "::" (checked above) or a leading/trailing one of it
            }
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!isIp4(g)) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            count++;
        }
        if (s.startsWith(":") && !s.startsWith("::") || s.endsWith(":") && !s.endsWith("::")) {
            return false;
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }

    /** RFC 1123 host name; mDNS names (RFC 6762 ".local", as browsers hide host candidates) included. */
    static boolean isFqdn(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        String[] labels = s.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.isEmpty()) {
                if (i == labels.length - 1 && i > 0) {
                    continue; // a trailing dot
                }
                return false;
            }
            if (label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int j = 0; j < label.length(); j++) {
                char c = label.charAt(j);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** No CR, LF or NUL may appear in a value (RFC 8866 §9 byte-string / text). */
    static void checkValueText(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " must not contain CR, LF or NUL");
            }
        }
    }
}
