package org.webims.sip.container.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a sip.xml says, before it is merged with the annotations: absent elements are empty.
 *
 * @param root the {@code <sip-app>} element's location
 * @param version10 a SIP Servlet 1.0 (JSR 116) file: no version="1.1"; its display-name may name the application
 */
record SipXmlContent(SourceLocation root, boolean version10, Optional<String> appName, Optional<String> displayName,
        Optional<String> description, boolean distributable, Map<String, String> contextParams,
        List<ListenerDefinition> listeners, List<ServletDefinition> servlets, Optional<DeclaredName> mainServlet,
        List<ServletMapping> servletMappings, OptionalInt sessionTimeoutMinutes, OptionalInt proxyTimeoutSeconds) {
}
