package org.webims.interworking.registrar;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One contact bound to a web user's address of record (RFC 3261 §10.3), with its RFC 5626
 * instance and reg-id when the client gave them (a binding per instance and reg-id: a new
 * REGISTER from the same instance replaces it, even from a new connection).
 *
 * @param contact   the Contact address as registered, without its expires parameter
 * @param contactUri the Contact URI, what requests to the user are sent to
 * @param instance  the +sip.instance value, or null
 * @param regId     the reg-id, or 0 when absent
 * @param expiresAtNanos System.nanoTime() at which the binding lapses
 */
public record Binding(String contact, String contactUri, String instance, int regId, long expiresAtNanos) {

    /** What identifies the binding within its address of record (RFC 5626 §6, else the URI). */
    String key() {
        return instance != null ? instance + ";reg-id=" + regId : contactUri;
    }

    /**
     * Whether the contact is the client end of {@code connection}: a WebSocket client's Contact host
     * is {@code .invalid} (RFC 7118 §5.2), which the container points at the connection's address and
     * port as the REGISTER arrives.
     */
    boolean reachedThrough(InetSocketAddress connection) {
        Matcher m = HOST_PORT.matcher(contactUri);
        if (!m.find() || m.group(3) == null) {
            return false;
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        if (Integer.parseInt(m.group(3)) != connection.getPort() || connection.getAddress() == null) {
            return false;
        }
        String theirs = connection.getAddress().getHostAddress();
        if (host.equalsIgnoreCase(theirs)) {
            return true;
        }
        try { // IPv6 written another way; a literal only, never a name to look up
            return host.indexOf(':') >= 0 && InetAddress.getByName(host).equals(connection.getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** sip:user@host:port or sip:user@[v6]:port, up to its parameters. */
    private static final Pattern HOST_PORT =
            Pattern.compile("^sips?:(?:[^@;>]*@)?(?:\\[([0-9A-Fa-f:.]+)\\]|([^:;>?]+))(?::(\\d+))?");

    long secondsLeft(long nowNanos) {
        return Math.max(0, (expiresAtNanos - nowNanos + 999_999_999L) / 1_000_000_000L);
    }
}
