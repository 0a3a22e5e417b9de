package org.webims.sip.container.address;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.webims.sip.container.address.SipChars.UriPart;

/**
 * Strict checks of URI text against RFC 3261 §25.1 (sip, sips), RFC 3966 §3 (tel) and RFC 3986
 * (any other scheme). JAIN-SIP's parser is lenient (it stops at the first character it does not
 * expect and keeps what it read), so text is checked here first and only then handed to it.
 * Each check returns the problem as a phrase, or null when the text is well formed.
 */
final class UriSyntax {
    private UriSyntax() {
    }

    /** The scheme in lower case, or null when the text does not start with scheme ":". */
    static String scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !Character.isLetter(uri.charAt(0)) || uri.charAt(0) > 127) {
            return null;
        }
        for (int i = 1; i < colon; i++) {
            char c = uri.charAt(i);
            if (!SipChars.isAlphaNum(c) && c != '+' && c != '-' && c != '.') {
                return null;
            }
        }
        return uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** What is wrong with the URI text, or null when it is well formed. */
    static String problem(String uri) {
        String scheme = scheme(uri);
        if (scheme == null) {
            return "no scheme (a URI starts with a scheme such as sip:, sips: or tel:)";
        }
        String rest = uri.substring(scheme.length() + 1);
        return switch (scheme) {
            case "sip", "sips" -> sipProblem(rest);
            case "tel" -> telProblem(rest);
            default -> genericProblem(rest);
        };
    }

    // RFC 3261 §25.1: SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
    private static String sipProblem(String rest) {
        int at = rest.indexOf('@');
        if (at != rest.lastIndexOf('@')) {
            return "more than one '@' (escape it as %40 in the user part)";
        }
        if (at >= 0) {
            String userinfo = rest.substring(0, at);
            int colon = userinfo.indexOf(':');
            String user = colon < 0 ? userinfo : userinfo.substring(0, colon);
            if (user.isEmpty()) {
                return "empty user part before '@'";
            }
            String problem = charsProblem(user, UriPart.USER, "user part");
            if (problem == null && colon >= 0) {
                problem = charsProblem(userinfo.substring(colon + 1), UriPart.PASSWORD, "password");
            }
            if (problem != null) {
                return problem;
            }
            rest = rest.substring(at + 1);
        }
        int query = rest.indexOf('?');
        String beforeHeaders = query < 0 ? rest : rest.substring(0, query);
        int semi = beforeHeaders.indexOf(';');
        String hostport = semi < 0 ? beforeHeaders : beforeHeaders.substring(0, semi);
        String problem = hostPortProblem(hostport);
        if (problem == null && semi >= 0) {
            problem = uriParamsProblem(beforeHeaders.substring(semi + 1));
        }
        if (problem == null && query >= 0) {
            problem = headersProblem(rest.substring(query + 1));
        }
        return problem;
    }

    private static String hostPortProblem(String hostport) {
        if (hostport.isEmpty()) {
            return "missing host";
        }
        int portColon = hostport.startsWith("[") ? hostport.indexOf(':', Math.max(hostport.indexOf(']'), 0))
                : hostport.indexOf(':');
        String host = portColon < 0 ? hostport : hostport.substring(0, portColon);
        String problem = hostProblem(host);
        if (problem == null && portColon >= 0) {
            problem = portProblem(hostport.substring(portColon + 1));
        }
        return problem;
    }

    private static String portProblem(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "bad port \"" + SipChars.printable(port) + "\"";
        }
        return Integer.parseInt(port) > 65535 ? "port " + port + " is above 65535" : null;
    }

    /** host = hostname / IPv4address / IPv6reference (RFC 3261 §25.1). */
    static String hostProblem(String host) {
        if (host.isEmpty()) {
            return "missing host";
        }
        if (host.startsWith("[")) {
            return ipv6ReferenceProblem(host);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = name.split("\\.", -1);
        if (labels.length == 4 && name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            for (String label : labels) {
                if (label.isEmpty() || label.length() > 3 || Integer.parseInt(label) > 255) {
                    return "bad IPv4 address \"" + SipChars.printable(host) + "\"";
                }
            }
            return null;
        }
        for (String label : labels) {
            if (!isDomainLabel(label)) {
                return "bad host name \"" + SipChars.printable(host) + "\"";
            }
        }
        // toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum
        return Character.isLetter(labels[labels.length - 1].charAt(0)) ? null
                : "bad host name \"" + SipChars.printable(host) + "\" (the last label must start with a letter)";
    }

    private static boolean isDomainLabel(String label) {
        if (label.isEmpty() || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return false;
        }
        return label.chars().allMatch(c -> c == '-' || SipChars.isAlphaNum((char) c));
    }

    private static String ipv6ReferenceProblem(String host) {
        String inner = host.substring(1, host.endsWith("]") ? host.length() - 1 : host.length());
        boolean chars = !inner.isEmpty() && inner.indexOf(':') >= 0
                && inner.chars().allMatch(c -> c == ':' || c == '.' || SipChars.isHexDigit((char) c));
        if (!host.endsWith("]") || !chars) {
            return "bad IPv6 reference \"" + SipChars.printable(host) + "\"";
        }
        try {
            // Only hex digits, ':' and '.' get here, so this parses a literal and never asks DNS.
            InetAddress.getByName(host);
            return null;
        } catch (UnknownHostException e) {
            return "bad IPv6 reference \"" + SipChars.printable(host) + "\"";
        }
    }

    // uri-parameters = *( ";" uri-parameter ); uri-parameter = pname [ "=" pvalue ], both 1*paramchar
    private static String uriParamsProblem(String params) {
        for (String param : params.split(";", -1)) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (name.isEmpty()) {
                return "empty URI parameter name";
            }
            String problem = charsProblem(name, UriPart.PARAM, "URI parameter name");
            if (problem == null && eq >= 0) {
                String value = param.substring(eq + 1);
                problem = value.isEmpty() ? "URI parameter " + name + " has '=' but no value"
                        : charsProblem(value, UriPart.PARAM, "value of URI parameter " + name);
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    // headers = "?" header *( "&" header ); header = hname "=" hvalue
    private static String headersProblem(String headers) {
        for (String header : headers.split("&", -1)) {
            int eq = header.indexOf('=');
            if (eq <= 0) {
                return "URI header \"" + SipChars.printable(header) + "\" is not name=value";
            }
            String problem = charsProblem(header.substring(0, eq), UriPart.HEADER, "URI header name");
            if (problem == null) {
                problem = charsProblem(header.substring(eq + 1), UriPart.HEADER, "URI header value");
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String charsProblem(String s, UriPart part, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !SipChars.isHexDigit(s.charAt(i + 1))
                        || !SipChars.isHexDigit(s.charAt(i + 2))) {
                    return "'%' not followed by two hex digits in the " + what;
                }
                i += 2;
            } else if (!part.allows(c)) {
                return "character '" + SipChars.printable(String.valueOf(c)) + "' not allowed in the "
                        + what + " (escape it as %HH)";
            }
        }
        return null;
    }

    // RFC 3966 §3: telephone-subscriber = global-number / local-number
    private static String telProblem(String rest) {
        String[] parts = rest.split(";", -1);
        String number = parts[0];
        boolean global = number.startsWith("+");
        String problem = global ? globalNumberProblem(number) : localNumberProblem(number);
        boolean context = false;
        for (int i = 1; i < parts.length && problem == null; i++) {
            String param = parts[i];
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (name.isEmpty() || !name.chars().allMatch(c -> c == '-' || SipChars.isAlphaNum((char) c))) {
                return "bad tel parameter name \"" + SipChars.printable(name) + "\"";
            }
            if (eq >= 0) {
                String value = param.substring(eq + 1);
                problem = value.isEmpty() ? "tel parameter " + name + " has '=' but no value"
                        : charsProblem(value, UriPart.PARAM, "value of tel parameter " + name);
            }
            if (problem == null && name.equalsIgnoreCase("phone-context")) {
                context = true;
                problem = eq < 0 ? "phone-context without a value" : phoneContextProblem(param.substring(eq + 1));
            }
        }
        if (problem == null && global && context) {
            problem = "a global number (starting with '+') takes no phone-context";
        }
        if (problem == null && !global && !context) {
            problem = "a local number needs a phone-context parameter (RFC 3966 §5.1.5)";
        }
        return problem;
    }

    /** global-number-digits = "+" *phonedigit DIGIT *phonedigit. */
    static String globalNumberProblem(String number) {
        if (!number.startsWith("+") || !digitsValid(number.substring(1), false)) {
            return "\"" + SipChars.printable(number)
                    + "\" is not a global number ('+', then digits and - . ( ) separators)";
        }
        return null;
    }

    /** local-number-digits = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex. */
    static String localNumberProblem(String number) {
        if (!digitsValid(number, true)) {
            return "\"" + SipChars.printable(number)
                    + "\" is not a local number (hex digits, * and #, with - . ( ) separators)";
        }
        return null;
    }

    private static boolean digitsValid(String digits, boolean hex) {
        boolean anyDigit = false;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            boolean digit = hex ? SipChars.isHexDigit(c) || c == '*' || c == '#' : SipChars.isDigit(c);
            if (!digit && !isVisualSeparator(c)) {
                return false;
            }
            anyDigit |= digit;
        }
        return anyDigit;
    }

    static boolean isVisualSeparator(char c) {
        return c == '-' || c == '.' || c == '(' || c == ')';
    }

    /** descriptor = domainname / global-number-digits (RFC 3966 §3). */
    static String phoneContextProblem(String descriptor) {
        if (descriptor.startsWith("+")) {
            return globalNumberProblem(descriptor);
        }
        return hostProblem(descriptor) == null && !descriptor.startsWith("[") ? null
                : "phone-context \"" + SipChars.printable(descriptor) + "\" is neither a domain name nor a global number";
    }

    // RFC 3986 §2: what no URI may hold unescaped.
    private static String genericProblem(String rest) {
        if (rest.isEmpty()) {
            return "nothing after the scheme";
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                return "character '" + SipChars.printable(String.valueOf(c)) + "' not allowed in a URI";
            }
            if (c == '%' && (i + 2 >= rest.length() || !SipChars.isHexDigit(rest.charAt(i + 1))
                    || !SipChars.isHexDigit(rest.charAt(i + 2)))) {
                return "'%' not followed by two hex digits";
            }
        }
        return null;
    }
}
