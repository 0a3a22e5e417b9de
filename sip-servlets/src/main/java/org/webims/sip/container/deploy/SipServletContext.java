package org.webims.sip.container.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EventListener;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.servlet.Filter;
import javax.servlet.FilterRegistration;
import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextAttributeEvent;
import javax.servlet.ServletContextAttributeListener;
import javax.servlet.ServletRegistration;
import javax.servlet.SessionCookieConfig;
import javax.servlet.SessionTrackingMode;
import javax.servlet.descriptor.JspConfigDescriptor;
import javax.servlet.sip.SipServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ServletContext of one SIP application: the container's services as attributes (JSR 289
 * §4.1.1), context-params as init parameters, the application folder as resources, logging
 * through SLF4J. Servlet 3.0 programmatic registration and HTTP-only features are not offered.
 */
public final class SipServletContext implements ServletContext {
    private static final Logger LOG = LoggerFactory.getLogger(SipServletContext.class);
    private static final String SERVER_INFO = "WebIMS/0.1 (SIP Servlet 1.1)";

    private final SipApplicationDescriptor descriptor;
    private final Path root;
    private final ClassLoader classLoader;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> initParameters;
    /** The host process's attributes, shared by every application (SipContainer.setSharedAttribute). */
    private final Map<String, Object> shared;
    private volatile List<ServletContextAttributeListener> attributeListeners = List.of();
    private volatile boolean initialized;

    SipServletContext(SipApplicationDescriptor descriptor, Path root, ClassLoader classLoader, ContainerServices services) {
        this.descriptor = descriptor;
        this.root = root;
        this.classLoader = classLoader;
        this.initParameters = Collections.synchronizedMap(new LinkedHashMap<>(descriptor.contextParams()));
        this.shared = services.sharedAttributes();
        putIfPresent(SipServlet.SIP_FACTORY, services.sipFactory());
        putIfPresent(SipServlet.TIMER_SERVICE, services.timerService());
        putIfPresent(SipServlet.SIP_SESSIONS_UTIL, services.sessionsUtil());
        attributes.put(SipServlet.OUTBOUND_INTERFACES, services.outboundInterfaces());
        attributes.put(SipServlet.SUPPORTED, services.supportedExtensions());
        attributes.put(SipServlet.SUPPORTED_RFCs, services.supportedRfcs());
        if (services.reliableProvisionalResponses()) {
            // SipServlet.PRACK_SUPPORTED, deprecated by JSR 289 but still read by SIP Servlet 1.0 applications
            attributes.put("javax.servlet.sip.100rel", Boolean.TRUE);
        }
    }

    private void putIfPresent(String name, Object value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    /** Called once the listeners exist, so attribute changes from then on reach them. */
    void attributeListeners(List<ServletContextAttributeListener> listeners) {
        attributeListeners = List.copyOf(listeners);
    }

    /** After every ServletContextListener has run: init parameters are fixed from then on (Servlet 3.1 §4.4). */
    void markInitialized() {
        initialized = true;
    }

    // --- identity -------------------------------------------------------------------------

    /** The display-name, else the application name (Servlet 3.1 names the display-name). */
    @Override
    public String getServletContextName() {
        return descriptor.displayName().orElse(descriptor.name());
    }

    /** SIP applications have no HTTP context path. */
    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public ServletContext getContext(String uripath) {
        return null;
    }

    @Override
    public int getMajorVersion() {
        return 3;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public int getEffectiveMajorVersion() {
        return 3;
    }

    @Override
    public int getEffectiveMinorVersion() {
        return 1;
    }

    @Override
    public String getServerInfo() {
        return SERVER_INFO;
    }

    @Override
    public String getVirtualServerName() {
        return null;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    // --- init parameters and attributes ---------------------------------------------------

    @Override
    public String getInitParameter(String name) {
        return initParameters.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        synchronized (initParameters) {
            return Collections.enumeration(List.copyOf(initParameters.keySet()));
        }
    }

    @Override
    public boolean setInitParameter(String name, String value) {
        if (initialized) {
            throw new IllegalStateException(
                    "the context of '" + descriptor.name() + "' is initialized; init parameters are fixed");
        }
        return initParameters.putIfAbsent(name, value) == null;
    }

    @Override
    public Object getAttribute(String name) {
        Object own = attributes.get(name);
        return own != null ? own : shared.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        Set<String> names = new TreeSet<>(shared.keySet());
        names.addAll(attributes.keySet());
        return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        Object old = attributes.put(name, value);
        for (ServletContextAttributeListener l : attributeListeners) {
            if (old == null) {
                l.attributeAdded(new ServletContextAttributeEvent(this, name, value));
            } else {
                l.attributeReplaced(new ServletContextAttributeEvent(this, name, old));
            }
        }
    }

    @Override
    public void removeAttribute(String name) {
        Object old = attributes.remove(name);
        if (old != null) {
            for (ServletContextAttributeListener l : attributeListeners) {
                l.attributeRemoved(new ServletContextAttributeEvent(this, name, old));
            }
        }
    }

    // --- logging --------------------------------------------------------------------------

    @Override
    public void log(String msg) {
        LOG.atInfo().addKeyValue("app", descriptor.name()).log(msg);
    }

    @Override
    @Deprecated
    public void log(Exception exception, String msg) {
        log(msg, exception);
    }

    @Override
    public void log(String message, Throwable throwable) {
        LOG.atWarn().addKeyValue("app", descriptor.name()).setCause(throwable).log(message);
    }

    // --- resources: the application folder -----------------------------------------------

    @Override
    public URL getResource(String path) throws MalformedURLException {
        Path file = resolve(path);
        return file != null && Files.exists(file) ? file.toUri().toURL() : null;
    }

    @Override
    public InputStream getResourceAsStream(String path) {
        Path file = resolve(path);
        try {
            return file != null && Files.isRegularFile(file) ? Files.newInputStream(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Set<String> getResourcePaths(String path) {
        Path dir = resolve(path);
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> paths.add(prefix + p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
        } catch (IOException e) {
            return null;
        }
        return paths;
    }

    @Override
    public String getRealPath(String path) {
        Path file = resolve(path);
        return file == null ? null : file.toString();
    }

    /** The file for a context-relative path ("/WEB-INF/sip.xml"), or null if it leaves the application folder. */
    private Path resolve(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        return file.startsWith(root) ? file : null;
    }

    @Override
    public String getMimeType(String file) {
        return null;
    }

    // --- servlets: the container owns them; the lookups deprecated since Servlet 2.1 return nothing

    /** Named dispatch between SIP servlets is the container runtime's; none here. */
    @Override
    public RequestDispatcher getNamedDispatcher(String name) {
        return null;
    }

    /** SIP has no request paths. */
    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return null;
    }

    @Override
    @Deprecated
    public Servlet getServlet(String name) {
        return null;
    }

    @Override
    @Deprecated
    public Enumeration<Servlet> getServlets() {
        return Collections.emptyEnumeration();
    }

    @Override
    @Deprecated
    public Enumeration<String> getServletNames() {
        return Collections.emptyEnumeration();
    }

    @Override
    public ServletRegistration getServletRegistration(String servletName) {
        return null;
    }

    @Override
    public Map<String, ? extends ServletRegistration> getServletRegistrations() {
        return Map.of();
    }

    @Override
    public FilterRegistration getFilterRegistration(String filterName) {
        return null;
    }

    @Override
    public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
        return Map.of();
    }

    @Override
    public JspConfigDescriptor getJspConfigDescriptor() {
        return null;
    }

    // --- Servlet 3.0 programmatic configuration and HTTP sessions: not offered -----------

    @Override
    public ServletRegistration.Dynamic addServlet(String servletName, String className) {
        throw unsupported("addServlet: declare SIP servlets in sip.xml or with @SipServlet");
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String servletName, Servlet servlet) {
        throw unsupported("addServlet: declare SIP servlets in sip.xml or with @SipServlet");
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String servletName, Class<? extends Servlet> servletClass) {
        throw unsupported("addServlet: declare SIP servlets in sip.xml or with @SipServlet");
    }

    @Override
    public <T extends Servlet> T createServlet(Class<T> clazz) {
        throw unsupported("createServlet");
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String filterName, String className) {
        throw unsupported("addFilter: filters are HTTP");
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String filterName, Filter filter) {
        throw unsupported("addFilter: filters are HTTP");
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String filterName, Class<? extends Filter> filterClass) {
        throw unsupported("addFilter: filters are HTTP");
    }

    @Override
    public <T extends Filter> T createFilter(Class<T> clazz) {
        throw unsupported("createFilter: filters are HTTP");
    }

    @Override
    public void addListener(String className) {
        throw unsupported("addListener: declare listeners in sip.xml or with @SipListener");
    }

    @Override
    public <T extends EventListener> void addListener(T t) {
        throw unsupported("addListener: declare listeners in sip.xml or with @SipListener");
    }

    @Override
    public void addListener(Class<? extends EventListener> listenerClass) {
        throw unsupported("addListener: declare listeners in sip.xml or with @SipListener");
    }

    @Override
    public <T extends EventListener> T createListener(Class<T> clazz) {
        throw unsupported("createListener");
    }

    @Override
    public SessionCookieConfig getSessionCookieConfig() {
        throw unsupported("getSessionCookieConfig: HTTP sessions");
    }

    @Override
    public void setSessionTrackingModes(Set<SessionTrackingMode> sessionTrackingModes) {
        throw unsupported("setSessionTrackingModes: HTTP sessions");
    }

    @Override
    public Set<SessionTrackingMode> getDefaultSessionTrackingModes() {
        return Set.of();
    }

    @Override
    public Set<SessionTrackingMode> getEffectiveSessionTrackingModes() {
        return Set.of();
    }

    @Override
    public void declareRoles(String... roleNames) {
        throw unsupported("declareRoles");
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not supported by the WebIMS SIP servlet container");
    }
}
