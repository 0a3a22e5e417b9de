package org.webims.interworking.registrar;

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

    long secondsLeft(long nowNanos) {
        return Math.max(0, (expiresAtNanos - nowNanos + 999_999_999L) / 1_000_000_000L);
    }
}
