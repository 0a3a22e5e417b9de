package org.webims.sip.container.deploy;

import java.util.Collections;
import java.util.Enumeration;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;

/** The ServletConfig a servlet is initialized with: its name, its init-params, its application's context. */
final class SipServletConfig implements ServletConfig {
    private final ServletDefinition definition;
    private final ServletContext context;

    SipServletConfig(ServletDefinition definition, ServletContext context) {
        this.definition = definition;
        this.context = context;
    }

    @Override
    public String getServletName() {
        return definition.name();
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getInitParameter(String name) {
        return definition.initParams().get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(definition.initParams().keySet());
    }
}
