package org.webims.sip.container.deploy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * An application's class loader over WEB-INF/classes and WEB-INF/lib/*.jar: the application's own
 * classes first, the platform and container API always from the parent (Servlet 3.1 §10.7.2;
 * docs/decisions/0004-application-class-loading.md says why).
 */
final class ApplicationClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /**
     * Packages an application may not bring its own copy of: the JDK, the servlet and SIP servlet
     * API (javax.*), the container itself, and SLF4J so applications log through the container's backend.
     */
    private static final List<String> PARENT_FIRST_PACKAGES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.xml.sax.", "org.w3c.dom.", "org.ietf.jgss.",
            "org.webims.", "org.slf4j.");

    private final List<String> parentFirstResources = PARENT_FIRST_PACKAGES.stream().map(p -> p.replace('.', '/')).toList();

    ApplicationClassLoader(String applicationFolder, URL[] urls, ClassLoader parent) {
        super("sip-app:" + applicationFolder, urls, parent);
    }

    static boolean isParentFirst(String className) {
        for (String p : PARENT_FIRST_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isParentFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notInApplication) {
                    c = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isParentFirstResource(name)) {
            return super.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isParentFirstResource(name)) {
            return super.getResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    private boolean isParentFirstResource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        for (String p : parentFirstResources) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
