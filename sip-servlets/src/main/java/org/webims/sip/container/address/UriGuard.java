package org.webims.sip.container.address;

/**
 * What a URI view may change, set by the header it belongs to (JSR 289 §4.1.2, §5.4.1): a URI of
 * a system header is read-only; the URI of a system Contact keeps the container's host, port,
 * scheme and transport parameters but lets the application set the user part and other
 * parameters.
 */
enum UriGuard {
    NONE,
    CONTAINER_ROUTING,
    READ_ONLY;

    /** Any change. */
    void checkChange(String what) {
        if (this == READ_ONLY) {
            throw new IllegalStateException("cannot " + what + ": the URI belongs to a system header");
        }
    }

    /** A change to where the URI routes (host, port, scheme, transport, maddr, lr). */
    void checkRoutingChange(String what) {
        checkChange(what);
        if (this == CONTAINER_ROUTING) {
            throw new IllegalStateException("cannot " + what
                    + ": the container owns the host, port, scheme and transport of a system Contact");
        }
    }
}
