package org.webims.sip.container.deploy;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.SipServlet;

/**
 * The servlet and listener classes of an application, loaded (not initialized) and checked before
 * any application code runs, so a wrong class name fails the deployment at its declaration.
 */
record ApplicationClasses(Map<String, Class<? extends SipServlet>> servlets,
        List<Class<? extends EventListener>> listeners) {

    static ApplicationClasses load(SipApplicationDescriptor descriptor, ClassLoader loader) throws DeploymentException {
        Map<String, Class<? extends SipServlet>> servlets = new LinkedHashMap<>();
        for (ServletDefinition s : descriptor.servlets()) {
            Class<?> type = load(s.className(), "servlet", s.source(), loader);
            if (!SipServlet.class.isAssignableFrom(type)) {
                throw new DeploymentException(s.source(),
                        "servlet class " + s.className() + " is not a javax.servlet.sip.SipServlet");
            }
            servlets.put(s.name(), type.asSubclass(SipServlet.class));
        }
        List<Class<? extends EventListener>> listeners = new ArrayList<>();
        for (ListenerDefinition l : descriptor.listeners()) {
            Class<?> type = load(l.className(), "listener", l.source(), loader);
            if (!EventListener.class.isAssignableFrom(type)) {
                throw new DeploymentException(l.source(),
                        "listener class " + l.className() + " implements no java.util.EventListener");
            }
            listeners.add(type.asSubclass(EventListener.class));
        }
        return new ApplicationClasses(servlets, listeners);
    }

    private static Class<?> load(String className, String role, SourceLocation at, ClassLoader loader)
            throws DeploymentException {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new DeploymentException(at, role + " class " + className + " not found in WEB-INF/classes or WEB-INF/lib", e);
        } catch (LinkageError e) {
            throw new DeploymentException(at, "cannot load " + role + " class " + className + ": " + e, e);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException(at, role + " class " + className + " is abstract");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new DeploymentException(at, role + " class " + className + " is not public");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new DeploymentException(at, role + " class " + className + " has no public no-argument constructor");
        } catch (LinkageError e) {
            throw new DeploymentException(at, "cannot load " + role + " class " + className + ": " + e, e);
        }
        return type;
    }
}
