package org.webims.sip.container.deploy;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletContextAttributeListener;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops an application's code in the JSR 289 order: listeners created (once each; a
 * listener class that is also a servlet class is the servlet's instance),
 * ServletContextListener.contextInitialized, then each servlet created and initialized by
 * load-on-startup then declaration order, each followed by SipServletListener.servletInitialized
 * (JSR 289 §2.1.1). Stopping destroys servlets in reverse order, then contextDestroyed in reverse
 * declaration order (Servlet 3.1 §11.3). Application code runs with the application's class
 * loader as the thread's context class loader.
 */
final class ApplicationLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationLifecycle.class);

    private final SipApplicationDescriptor descriptor;
    private final ApplicationClasses classes;
    private final SipServletContext context;
    private final ClassLoader loader;
    private final List<EventListener> listeners = new ArrayList<>();
    private final List<ServletContextListener> contextListenersStarted = new ArrayList<>();
    private final Map<String, SipServlet> servlets = new LinkedHashMap<>();
    private final Map<Class<?>, SipServlet> servletsCreatedAsListeners = new HashMap<>();

    ApplicationLifecycle(SipApplicationDescriptor descriptor, ApplicationClasses classes, SipServletContext context,
            ClassLoader loader) {
        this.descriptor = descriptor;
        this.classes = classes;
        this.context = context;
        this.loader = loader;
    }

    /** Listener instances in declaration order. */
    List<EventListener> listeners() {
        return List.copyOf(listeners);
    }

    /** Initialized servlets by name, in initialization order. */
    Map<String, SipServlet> servlets() {
        return Map.copyOf(servlets);
    }

    /** Runs the start-up; on failure, undoes what ran and throws with the declaration at fault. */
    void start() throws DeploymentException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            createListeners();
            initializeContext();
            for (ServletDefinition definition : initializationOrder()) {
                initialize(definition);
            }
        } catch (DeploymentException e) {
            stopStarted();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Undeploy: servlets destroyed in reverse initialization order, then contextDestroyed. */
    void stop() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            stopStarted();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void createListeners() throws DeploymentException {
        for (int i = 0; i < classes.listeners().size(); i++) {
            Class<? extends EventListener> type = classes.listeners().get(i);
            EventListener listener = instantiate(type, descriptor.listeners().get(i).source());
            if (listener instanceof SipServlet servlet && classes.servlets().containsValue(type)) {
                // a servlet that is also a listener (a TimerListener, typically) is one object, initialized later as a servlet
                servletsCreatedAsListeners.put(type, servlet);
            }
            listeners.add(listener);
        }
        context.attributeListeners(listeners.stream().filter(ServletContextAttributeListener.class::isInstance)
                .map(ServletContextAttributeListener.class::cast).toList());
    }

    private void initializeContext() throws DeploymentException {
        for (int i = 0; i < listeners.size(); i++) {
            if (listeners.get(i) instanceof ServletContextListener l) {
                try {
                    l.contextInitialized(new ServletContextEvent(context));
                } catch (RuntimeException | LinkageError e) {
                    throw new DeploymentException(descriptor.listeners().get(i).source(),
                            "contextInitialized of " + l.getClass().getName() + " failed: " + e, e);
                }
                contextListenersStarted.add(l);
            }
        }
        context.markInitialized();
    }

    /** Ascending load-on-startup first, then those without one; declaration order breaks ties (stable sort). */
    private List<ServletDefinition> initializationOrder() {
        return descriptor.servlets().stream()
                .sorted(Comparator.comparingInt(s -> s.loadOnStartup() < 0 ? Integer.MAX_VALUE : s.loadOnStartup()))
                .toList();
    }

    private void initialize(ServletDefinition definition) throws DeploymentException {
        Class<? extends SipServlet> type = classes.servlets().get(definition.name());
        SipServlet servlet = servletsCreatedAsListeners.remove(type);
        if (servlet == null) {
            servlet = instantiate(type, definition.source());
        }
        try {
            servlet.init(new SipServletConfig(definition, context));
        } catch (Exception | LinkageError e) {
            throw new DeploymentException(definition.source(), "servlet '" + definition.name() + "' ("
                    + definition.className() + ") failed to initialize: " + e, e);
        }
        servlets.put(definition.name(), servlet);
        for (EventListener listener : listeners) {
            if (listener instanceof SipServletListener l) {
                try {
                    l.servletInitialized(new SipServletContextEvent(context, servlet));
                } catch (RuntimeException | LinkageError e) {
                    throw new DeploymentException(definition.source(), "servletInitialized of "
                            + l.getClass().getName() + " for servlet '" + definition.name() + "' failed: " + e, e);
                }
            }
        }
    }

    private static <T> T instantiate(Class<? extends T> type, SourceLocation declaredAt) throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new DeploymentException(declaredAt, "constructor of " + type.getName() + " failed: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new DeploymentException(declaredAt, "cannot create " + type.getName() + ": " + e, e);
        }
    }

    private void stopStarted() {
        List<Map.Entry<String, SipServlet>> started = new ArrayList<>(servlets.entrySet());
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).getValue().destroy();
            } catch (RuntimeException | LinkageError e) {
                LOG.atWarn().addKeyValue("app", descriptor.name()).addKeyValue("servlet", started.get(i).getKey())
                        .setCause(e).log("servlet destroy failed");
            }
        }
        servlets.clear();
        for (int i = contextListenersStarted.size() - 1; i >= 0; i--) {
            ServletContextListener l = contextListenersStarted.get(i);
            try {
                l.contextDestroyed(new ServletContextEvent(context));
            } catch (RuntimeException | LinkageError e) {
                LOG.atWarn().addKeyValue("app", descriptor.name()).addKeyValue("listener", l.getClass().getName())
                        .setCause(e).log("contextDestroyed failed");
            }
        }
        contextListenersStarted.clear();
    }
}
