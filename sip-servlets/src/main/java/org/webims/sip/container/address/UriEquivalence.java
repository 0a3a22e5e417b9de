package org.webims.sip.container.address;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;

/**
 * URI equality by the rules of each scheme, not by string: RFC 3261 §19.1.4 for sip/sips, RFC
 * 3966 §4 for tel. Works on the javax.servlet.sip interfaces (whose getters already unescape), so
 * it also compares against URIs from elsewhere. Each hash uses only what equality compares
 * exactly.
 */
final class UriEquivalence {
    private UriEquivalence() {
    }

    // RFC 3261 §19.1.4: a URI omitting one of these does not match one that has it, whatever its value.
    private static final String[] MUST_BOTH_HAVE = {"user", "ttl", "method", "maddr", "transport"};

    static boolean sipEquals(SipURI a, SipURI b) {
        if (a.isSecure() != b.isSecure() || a.getPort() != b.getPort()
                || !Objects.equals(a.getUser(), b.getUser())               // userinfo is case-sensitive
                || !Objects.equals(a.getUserPassword(), b.getUserPassword())
                || !hostKey(a.getHost()).equals(hostKey(b.getHost()))) {
            return false;
        }
        for (String name : MUST_BOTH_HAVE) {
            if ((a.getParameter(name) == null) != (b.getParameter(name) == null)) {
                return false;
            }
        }
        // Any parameter in both must match; others appearing in only one are ignored.
        for (Iterator<String> it = a.getParameterNames(); it.hasNext(); ) {
            String name = it.next();
            String other = b.getParameter(name);
            if (other != null && !other.equalsIgnoreCase(a.getParameter(name))) {
                return false;
            }
        }
        // Header components are never ignored: each must be in both and match.
        List<String> headersA = lowerCase(a.getHeaderNames());
        List<String> headersB = lowerCase(b.getHeaderNames());
        if (headersA.size() != headersB.size() || !headersA.containsAll(headersB)) {
            return false;
        }
        for (String name : headersA) {
            if (!Objects.equals(lower(a.getHeader(name)), lower(b.getHeader(name)))) {
                return false;
            }
        }
        return true;
    }

    static int sipHash(SipURI u) {
        return Objects.hash(u.isSecure(), u.getUser(), hostKey(u.getHost()), u.getPort());
    }

    /** Host names compare case-insensitively; IPv6 references by address ([::1] is [0:0:0:0:0:0:0:1]). */
    static String hostKey(String host) {
        if (host == null) {
            return "";
        }
        if (host.startsWith("[") && UriSyntax.hostProblem(host) == null) {
            try {
                return InetAddress.getByName(host).getHostAddress();   // a checked literal: no DNS
            } catch (UnknownHostException e) {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    // RFC 3966 §4: same kind of number, same digits without visual separators, same parameter set.
    static boolean telEquals(TelURL a, TelURL b) {
        if (a.isGlobal() != b.isGlobal() || !digits(a.getPhoneNumber()).equals(digits(b.getPhoneNumber()))) {
            return false;
        }
        List<String> namesA = lowerCase(a.getParameterNames());
        List<String> namesB = lowerCase(b.getParameterNames());
        if (namesA.size() != namesB.size() || !namesA.containsAll(namesB)) {
            return false;
        }
        for (String name : namesA) {
            String va = a.getParameter(name);
            String vb = b.getParameter(name);
            if (name.equals("phone-context") && va.startsWith("+") && vb.startsWith("+")) {
                va = digits(va);
                vb = digits(vb);
            }
            if (!va.equalsIgnoreCase(vb)) {
                return false;
            }
        }
        return true;
    }

    static int telHash(TelURL u) {
        return Objects.hash(u.isGlobal(), digits(u.getPhoneNumber()));
    }

    private static String digits(String number) {
        StringBuilder out = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (!UriSyntax.isVisualSeparator(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static List<String> lowerCase(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
