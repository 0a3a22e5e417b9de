package org.webims.sip.container.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.servlet.ServletContext;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A deployed, started SIP application: what the container runtime dispatches to. Thread-safe. */
public final class DeployedApplication {
    private static final Logger LOG = LoggerFactory.getLogger(DeployedApplication.class);

    private final SipApplicationDescriptor descriptor;
    private final SipServletContext context;
    private final ApplicationClassLoader classLoader;
    private final ApplicationLayout layout;
    private final ApplicationLifecycle lifecycle;
    private final Optional<Method> applicationKeyMethod;
    private final List<EventListener> listeners;
    private final Map<Class<?>, List<?>> listenersByType = new ConcurrentHashMap<>();
    private final AtomicBoolean undeployed = new AtomicBoolean();
    private volatile Map<String, SipServlet> servlets;

    DeployedApplication(SipApplicationDescriptor descriptor, SipServletContext context, ApplicationClassLoader classLoader,
            ApplicationLayout layout, ApplicationLifecycle lifecycle, Optional<Method> applicationKeyMethod) {
        this.descriptor = descriptor;
        this.context = context;
        this.classLoader = classLoader;
        this.layout = layout;
        this.lifecycle = lifecycle;
        this.applicationKeyMethod = applicationKeyMethod;
        this.listeners = lifecycle.listeners();
        this.servlets = lifecycle.servlets();
    }

    /** The app-name (sip.xml) or {@code @SipApplication(name)}. */
    public String name() {
        return descriptor.name();
    }

    public SipApplicationDescriptor descriptor() {
        return descriptor;
    }

    public ServletContext servletContext() {
        return context;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /** The folder the application runs from: the deployed folder, or where its archive was unpacked. */
    public Path root() {
        return layout.root();
    }

    /** The initialized servlet of that name, or null (unknown name, or undeployed). */
    public SipServlet servlet(String servletName) {
        return servlets.get(servletName);
    }

    /**
     * JSR 289 §16: the main servlet, or the first servlet-mapping whose pattern matches this
     * initial request; empty when none does.
     */
    public Optional<String> selectServlet(SipServletRequest initialRequest) {
        return selectServlet(new ServletRequestVariables(initialRequest));
    }

    /** {@link #selectServlet(SipServletRequest)} over the request's pattern variables. */
    public Optional<String> selectServlet(RequestVariables variables) {
        if (descriptor.mainServlet().isPresent()) {
            return descriptor.mainServlet();
        }
        for (ServletMapping mapping : descriptor.servletMappings()) {
            if (mapping.pattern().matches(variables)) {
                return Optional.of(mapping.servletName());
            }
        }
        return Optional.empty();
    }

    /** The listener objects implementing {@code type}, in declaration order; each class has one instance. */
    @SuppressWarnings("unchecked")
    public <T extends EventListener> List<T> listeners(Class<T> type) {
        return (List<T>) listenersByType.computeIfAbsent(type,
                t -> listeners.stream().filter(t::isInstance).map(t::cast).toList());
    }

    /**
     * Calls {@code call} on each listener implementing {@code type}, in declaration order, with the
     * application's class loader as the thread's context class loader. A listener that throws is
     * logged and the next one still called. Runs on the caller's thread: the application session's
     * executor, for the listeners JSR 289 §6.4.2 serializes per application session.
     */
    public <T extends EventListener> void notifyListeners(Class<T> type, Consumer<T> call) {
        List<T> targets = listeners(type);
        if (targets.isEmpty()) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            for (T l : targets) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.atWarn().addKeyValue("listener", l.getClass().getName()).setCause(e).log("listener failed");
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The {@code @SipApplicationKey} method (public static String m(SipServletRequest)), if the application has one. */
    public Optional<Method> applicationKeyMethod() {
        return applicationKeyMethod;
    }

    /** session-config session-timeout in minutes, 3 by default; zero or less means never. */
    public int sessionTimeoutMinutes() {
        return descriptor.sessionTimeoutMinutes();
    }

    /**
     * Destroys servlets in reverse initialization order, calls contextDestroyed, closes the class
     * loader and deletes an unpacked archive's folder. Only the first call does anything.
     */
    public void undeploy() {
        if (!undeployed.compareAndSet(false, true)) {
            return;
        }
        lifecycle.stop();
        servlets = Map.of();
        closeQuietly(classLoader, name());
        layout.discard();
        LOG.atInfo().addKeyValue("app", name()).log("application undeployed");
    }

    static void closeQuietly(ApplicationClassLoader loader, String app) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("app", app).setCause(e).log("closing the application class loader failed");
        }
    }

    @Override
    public String toString() {
        return "DeployedApplication[" + name() + " at " + layout.displayRoot() + "]";
    }
}
