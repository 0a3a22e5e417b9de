package org.webims.ims.headers;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.ims.PServedUser;
import gov.nist.javax.sip.header.ims.PServedUserHeader;

/**
 * Which session case an initial request from the S-CSCF is for, and how we know:
 * <ol>
 * <li>P-Served-User's sescase and regstate (RFC 5502 §6, TS 24.229 §5.4.3.2/§5.4.3.3, which the
 * S-CSCF adds on ISC);</li>
 * <li>else the "orig" parameter on a Route entry (TS 24.229 §5.7.3 and §5.4.3.2: the originating
 * case is marked on the URI that routes it);</li>
 * <li>else terminating, the case of a request that names the served user in its Request-URI.</li>
 * </ol>
 *
 * @param registered the served user's registration state, when P-Served-User says
 */
public record SessionCase(Kind kind, Optional<Boolean> registered, Source source) {

    /** RFC 5502 §6 sescase values and orig-cdiv (RFC 5502 §6: originating after a diversion). */
    public enum Kind {
        ORIGINATING("orig"), TERMINATING("term"), ORIGINATING_CDIV("orig-cdiv");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        static Optional<Kind> of(String token) {
            for (Kind k : values()) {
                if (k.token.equalsIgnoreCase(token)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Where the session case was read from. */
    public enum Source { P_SERVED_USER, ROUTE_ORIG_PARAMETER, DEFAULT }

    public SessionCase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(source, "source");
    }

    public boolean originating() {
        return kind != Kind.TERMINATING;
    }

    public static SessionCase of(Request initial) {
        PServedUserHeader psu = (PServedUserHeader) initial.getHeader(PServedUser.NAME);
        if (psu != null && psu.getSessionCase() != null) {
            Optional<Kind> kind = Kind.of(psu.getSessionCase());
            if (kind.isPresent()) {
                String reg = psu.getRegistrationState();
                Optional<Boolean> registered = reg == null ? Optional.empty()
                        : Optional.of(reg.toLowerCase(Locale.ROOT).equals("reg"));
                return new SessionCase(kind.get(), registered, Source.P_SERVED_USER);
            }
        }
        List<RouteHeader> routes = Headers.all(initial, RouteHeader.NAME, RouteHeader.class);
        for (RouteHeader r : routes) {
            if (r.getAddress().getURI() instanceof SipURI uri && uri.getParameter("orig") != null) {
                return new SessionCase(Kind.ORIGINATING, Optional.empty(), Source.ROUTE_ORIG_PARAMETER);
            }
        }
        return new SessionCase(Kind.TERMINATING, Optional.empty(), Source.DEFAULT);
    }
}
