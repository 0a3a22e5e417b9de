package org.webims.sip.container.router;

import java.util.Objects;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

/**
 * One entry of a DAR method line (JSR 289 Appendix C): the application to invoke and what the
 * router tells the container with it.
 *
 * @param applicationName the application's name as deployed
 * @param subscriber whose identity the application serves
 * @param region the routing region the application serves in
 * @param route the SIP URI the container pushes, or null when the entry has none
 * @param modifier how the container treats {@code route}
 * @param configuredState the entry's state info field as written (an order number)
 * @param index the entry's position in its method's list, from 0; -1 for a targeted application
 *     that has no entry
 */
public record DarRoute(String applicationName, DarSubscriber subscriber, SipApplicationRoutingRegion region,
        String route, SipRouteModifier modifier, int configuredState, int index) {
    private static final String[] NO_ROUTES = new String[0];

    public DarRoute {
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(modifier, "modifier");
        if (modifier != SipRouteModifier.NO_ROUTE && route == null) {
            throw new IllegalArgumentException(modifier + " needs a route");
        }
    }

    /**
     * The routes for {@code SipApplicationRouterInfo}: a fresh array, since the container may keep
     * or change it; none for NO_ROUTE, whose routes the container disregards (JSR 289 §15.4.1).
     */
    public String[] routes() {
        return modifier == SipRouteModifier.NO_ROUTE ? NO_ROUTES : new String[] {route};
    }
}
