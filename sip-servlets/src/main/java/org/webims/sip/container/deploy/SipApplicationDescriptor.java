package org.webims.sip.container.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The merged, immutable description of a SIP application: its sip.xml and its annotations
 * (the rule is in {@link DescriptorMerger}).
 *
 * @param name the application name (sip.xml app-name or {@code @SipApplication(name)})
 * @param servlets in declaration order: sip.xml first, then annotated classes in scanning order
 * @param mainServlet the servlet that gets every initial request; empty when mappings select instead
 * @param sessionTimeoutMinutes zero or less means application sessions never expire (as session-timeout in Servlet 3.1)
 * @param proxyTimeoutSeconds proxy-config proxy-timeout (1.0: sequential-search-timeout), when given
 */
public record SipApplicationDescriptor(String name, Optional<String> displayName, Optional<String> description,
        boolean distributable, Map<String, String> contextParams, List<ListenerDefinition> listeners,
        List<ServletDefinition> servlets, Optional<String> mainServlet, List<ServletMapping> servletMappings,
        int sessionTimeoutMinutes, OptionalInt proxyTimeoutSeconds) {

    /** Three minutes unless the application says otherwise (the {@code @SipApplication(sessionTimeout)} default). */
    public static final int DEFAULT_SESSION_TIMEOUT_MINUTES = 3;

    public SipApplicationDescriptor {
        contextParams = Collections.unmodifiableMap(new LinkedHashMap<>(contextParams));
        listeners = List.copyOf(listeners);
        servlets = List.copyOf(servlets);
        servletMappings = List.copyOf(servletMappings);
    }

    public Optional<ServletDefinition> servlet(String servletName) {
        return servlets.stream().filter(s -> s.name().equals(servletName)).findFirst();
    }
}
