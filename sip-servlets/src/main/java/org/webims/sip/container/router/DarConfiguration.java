package org.webims.sip.container.router;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed DAR configuration: for each SIP method, the applications in the order they are invoked
 * (JSR 289 Appendix C). Immutable, so routers share it across threads without locking.
 */
public record DarConfiguration(Map<String, List<DarRoute>> routesByMethod) {
    private static final DarConfiguration EMPTY = new DarConfiguration(Map.of());

    public DarConfiguration {
        routesByMethod = routesByMethod.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** No method has an application: every initial request goes out unserved. */
    public static DarConfiguration empty() {
        return EMPTY;
    }

    /** The entries for {@code method} in invocation order; empty when the method has no line. */
    public List<DarRoute> routes(String method) {
        return routesByMethod.getOrDefault(method, List.of());
    }

    public Set<String> methods() {
        return routesByMethod.keySet();
    }
}
