package org.webims.sip.container.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A servlet of the application, from a sip.xml {@code <servlet>} or a {@code @SipServlet} class.
 *
 * @param loadOnStartup the load-on-startup value; negative when absent (initialized after the ordered ones)
 * @param source the {@code <servlet-class>} line, or the annotated class file
 */
public record ServletDefinition(String name, String className, String description, Map<String, String> initParams,
        int loadOnStartup, SourceLocation source) {
    public ServletDefinition {
        description = description == null ? "" : description;
        initParams = Collections.unmodifiableMap(new LinkedHashMap<>(initParams));
    }
}
