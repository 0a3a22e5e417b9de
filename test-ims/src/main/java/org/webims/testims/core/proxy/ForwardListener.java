package org.webims.testims.core.proxy;

import javax.sip.message.Response;

/** Lets a router look at what comes back on a forwarded request before it is relayed upstream. */
public interface ForwardListener {

    /** A response other than 100; return true when it is handled and must not be relayed. */
    default boolean onResponse(Forwarding forwarding, Response response) {
        return false;
    }

    /** The client transaction timed out; return true when handled, else 408 goes upstream. */
    default boolean onTimeout(Forwarding forwarding) {
        return false;
    }
}
