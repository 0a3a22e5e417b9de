package org.webims.testims.core.proxy;

import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.message.Request;

/**
 * An initial request a proxy must route: its server transaction, a copy of the request to
 * forward (Max-Forwards not yet decremented), and the top Route that named this proxy, already
 * removed (RFC 3261 §16.4), or null when there was none.
 */
public record IncomingRequest(ServerTransaction transaction, Request request, SipURI ownRoute) {

    /** A parameter of the removed own Route, or null. */
    public String ownRouteParameter(String name) {
        return ownRoute == null ? null : ownRoute.getParameter(name);
    }

    public String ownRouteUser() {
        return ownRoute == null ? null : ownRoute.getUser();
    }
}
