package org.webims.ims.headers;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * The ISC routing of an initial request the S-CSCF sent to this AS (TS 24.229 §5.4.3.2/§5.4.3.3
 * and §5.7.3, §5.7.5): the top Route is the AS's own URI; the next is the S-CSCF's own URI with
 * the original dialog identifier (ODI) it put there (a URI parameter or its user part; opaque to
 * us). The request the AS sends on, as a routing B2BUA, must go back through the S-CSCF with that
 * entry unchanged, so the S-CSCF resumes the original dialog's iFC evaluation.
 *
 * @param own       our own Route entry, as received
 * @param onward    the Route entries after ours, in order (the S-CSCF's with the ODI first)
 */
public record IscRoute(Address own, List<Address> onward) {

    /** The URI parameter many S-CSCFs (and our test IMS) use for the ODI. */
    public static final String ODI_PARAMETER = "odi";

    public IscRoute {
        Objects.requireNonNull(own, "own");
        onward = onward.stream().map(a -> (Address) a.clone()).toList();
    }

    /**
     * Reads the Route set of a request from the S-CSCF; empty when its top Route is not our AS
     * URI (same host, case-insensitive, and same port; RFC 3261 §16.4 "this proxy"), so the
     * request did not reach us through ISC routing.
     */
    public static Optional<IscRoute> of(Request initial, SipURI asUri) {
        List<RouteHeader> routes = Headers.all(initial, RouteHeader.NAME, RouteHeader.class);
        if (routes.isEmpty() || !(routes.get(0).getAddress().getURI() instanceof SipURI top) || !sameHost(top, asUri)) {
            return Optional.empty();
        }
        List<Address> rest = routes.subList(1, routes.size()).stream().map(RouteHeader::getAddress).toList();
        return Optional.of(new IscRoute(routes.get(0).getAddress(), rest));
    }

    /** Whether the S-CSCF gave us a way back (a Route entry after ours). */
    public boolean backThroughScscf() {
        return !onward.isEmpty();
    }

    /** The S-CSCF's own Route entry, carrying the ODI. */
    public Optional<Address> scscf() {
        return onward.isEmpty() ? Optional.empty() : Optional.of(onward.get(0));
    }

    /** The original dialog identifier: the S-CSCF URI's "odi" parameter, else its user part. */
    public Optional<String> originalDialogIdentifier() {
        return scscf().map(Address::getURI).filter(SipURI.class::isInstance).map(SipURI.class::cast)
                .map(u -> u.getParameter(ODI_PARAMETER) != null ? u.getParameter(ODI_PARAMETER) : u.getUser());
    }

    /**
     * Sets the outgoing leg's Route set to the entries after ours, unchanged and in order
     * (TS 24.229 §5.7.5.1: the AS routes the request back to the S-CSCF with the ODI).
     */
    public void applyTo(Request outgoing, SipFactories sip) throws ParseException {
        outgoing.removeHeader(RouteHeader.NAME);
        for (Address a : onward) {
            try {
                outgoing.addLast(sip.headers().createRouteHeader((Address) a.clone()));
            } catch (SipException e) {
                throw new IllegalStateException("Route is a header JAIN-SIP accepts at the end", e);
            }
        }
    }

    private static boolean sameHost(SipURI a, SipURI b) {
        return a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(SipURI u) {
        if (u.getPort() > 0) {
            return u.getPort();
        }
        return u.isSecure() ? 5061 : 5060;
    }
}
