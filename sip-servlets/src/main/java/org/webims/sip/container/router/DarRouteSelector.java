package org.webims.sip.container.router;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

/**
 * The default application router's decision, free of requests: which entry of a method's list
 * comes next. Immutable, so the container may call it from any number of threads.
 */
public final class DarRouteSelector {
    private final DarConfiguration configuration;

    public DarRouteSelector(DarConfiguration configuration) {
        this.configuration = configuration;
    }

    public DarConfiguration configuration() {
        return configuration;
    }

    /**
     * The first entry for {@code method} at or after the index in {@code stateInfo} (null: the top
     * of the list) whose application is deployed, or null when none is left. JSR 289 Appendix C:
     * the state is the position in the list, so each call resumes after the last application.
     *
     * @throws IllegalArgumentException if {@code stateInfo} is not a state this router issued
     */
    public DarSelection next(String method, Serializable stateInfo, Set<String> deployed) {
        List<DarRoute> routes = configuration.routes(method);
        for (int i = startIndex(stateInfo); i < routes.size(); i++) {
            DarRoute route = routes.get(i);
            if (deployed.contains(route.applicationName())) {
                return new DarSelection(route, i + 1);
            }
        }
        return null;
    }

    /**
     * A targeted request (JSR 289 §15.4.1: encoded URI, Join, Replaces) goes to the targeted
     * application whatever the list says; the list only lends it the region and subscriber of the
     * application's first entry for the method, and the place to resume after it. An application
     * with no entry serves in the neutral region and ends the walk. No route is pushed: a route
     * would send the request elsewhere than the targeted application.
     */
    public DarSelection targeted(String method, String applicationName) {
        List<DarRoute> routes = configuration.routes(method);
        for (int i = 0; i < routes.size(); i++) {
            DarRoute route = routes.get(i);
            if (route.applicationName().equals(applicationName)) {
                DarRoute unrouted = new DarRoute(applicationName, route.subscriber(), route.region(), null,
                        SipRouteModifier.NO_ROUTE, route.configuredState(), i);
                return new DarSelection(unrouted, i + 1);
            }
        }
        DarRoute neutral = new DarRoute(applicationName, DarSubscriber.NONE, SipApplicationRoutingRegion.NEUTRAL_REGION,
                null, SipRouteModifier.NO_ROUTE, 0, -1);
        return new DarSelection(neutral, routes.size());
    }

    private static int startIndex(Serializable stateInfo) {
        if (stateInfo == null) {
            return 0;
        }
        if (stateInfo instanceof Integer index && index >= 0) {
            return index;
        }
        throw new IllegalArgumentException("stateInfo " + stateInfo + " was not issued by the default application router");
    }
}
