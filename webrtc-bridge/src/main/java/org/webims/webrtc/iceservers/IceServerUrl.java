package org.webims.webrtc.iceservers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STUN or TURN server URL as browsers take it in RTCIceServer.urls: {@code stun:} and
 * {@code stuns:} (RFC 7064 §3.1), {@code turn:} and {@code turns:} with an optional
 * {@code ?transport=udp|tcp} (RFC 7065 §3.1). No user part, path or other query: the RFCs have none.
 */
public record IceServerUrl(String scheme, String host, int port, String transport) {

    // host [":" port] ["?" query]; host is an IP-literal in brackets, or IPv4 / reg-name (RFC 3986 §3.2.2)
    private static final Pattern SHAPE = Pattern.compile("(\\[[^\\]]*\\]|[^:?\\[\\]]*)(?::([^?]*))?(?:\\?(.*))?");
    private static final Pattern REG_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._~-]*[A-Za-z0-9])?");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");

    /** True for {@code turn:} and {@code turns:}, the URLs credentials go with. */
    public boolean isTurn() {
        return scheme.startsWith("turn");
    }

    /**
     * Parses {@code text}; a malformed URL is an {@link IllegalArgumentException} that says what
     * is wrong with it.
     */
    public static IceServerUrl parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a URL like stun:host, turn:host:3478 or turns:host:5349");
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("stun") && !scheme.equals("stuns") && !scheme.equals("turn") && !scheme.equals("turns")) {
            throw new IllegalArgumentException("'" + text + "': the scheme must be stun, stuns, turn or turns");
        }
        String rest = s.substring(colon + 1);
        if (rest.startsWith("//") || rest.contains("@") || rest.contains("/")) {
            // RFC 7064 §3.1 and RFC 7065 §3.1: no authority slashes, user part or path
            throw new IllegalArgumentException("'" + text + "': write " + scheme + ":host[:port], with no //, user@ or path");
        }
        Matcher m = SHAPE.matcher(rest);
        if (!m.matches() || m.group(1).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host");
        }
        String host = host(text, m.group(1));
        int port = port(text, m.group(2), scheme.endsWith("s") ? 5349 : 3478);
        String transport = transport(text, scheme, m.group(3));
        return new IceServerUrl(scheme, host, port, transport);
    }

    private static String host(String text, String host) {
        if (host.startsWith("[")) {
            String literal = host.substring(1, host.length() - 1);
            if (!literal.contains(":") || !isAddress(literal)) {
                throw new IllegalArgumentException("'" + text + "': " + host + " is not an IPv6 address");
            }
            return host;
        }
        if (IPV4_LIKE.matcher(host).matches()) {
            if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || !isAddress(host)) {
                throw new IllegalArgumentException("'" + text + "': " + host + " is not an IPv4 address");
            }
            return host;
        }
        if (!REG_NAME.matcher(host).matches() || host.length() > 253) {
            throw new IllegalArgumentException("'" + text + "': '" + host + "' is not a host name");
        }
        return host;
    }

    // only called on literals, so getByName does not resolve a name
    private static boolean isAddress(String literal) {
        try {
            InetAddress.getByName(literal);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int port(String text, String port, int fallback) {
        if (port == null) {
            return fallback;
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number in 1..65535");
        }
        return Integer.parseInt(port);
    }

    private static String transport(String text, String scheme, String query) {
        if (query == null) {
            return null;
        }
        if (scheme.startsWith("stun")) {
            throw new IllegalArgumentException("'" + text + "': a " + scheme + ": URL takes no ?query (RFC 7064 §3.1)");
        }
        String lower = query.toLowerCase(Locale.ROOT);
        if (!lower.equals("transport=udp") && !lower.equals("transport=tcp")) {
            throw new IllegalArgumentException("'" + text + "': the query must be ?transport=udp or ?transport=tcp (RFC 7065 §3.1)");
        }
        return lower.substring("transport=".length());
    }

    /** The URL as browsers read it, with the port always written. */
    @Override
    public String toString() {
        return scheme + ":" + host + ":" + port + (transport == null ? "" : "?transport=" + transport);
    }
}
