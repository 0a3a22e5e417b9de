package org.webims.sip.container.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplication;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;
import org.webims.sip.container.deploy.ScannedAnnotations.Annotated;

/**
 * Finds the JSR 289 annotations (javax.servlet.sip.annotation) in WEB-INF/classes and
 * WEB-INF/lib/*.jar. Only class files whose constant pool names an annotation of that package
 * are loaded, and none is initialized, so scanning runs no application code. Annotations are read
 * as declared on each class: {@code @SipServlet} is {@code @Inherited}, and a subclass is not a
 * second servlet unless it says so.
 */
final class AnnotationScanner {
    /** Every class carrying one of the annotations has this descriptor prefix in its constant pool (JVMS §4.7.16). */
    private static final byte[] ANNOTATION_PACKAGE = "Ljavax/servlet/sip/annotation/".getBytes(StandardCharsets.US_ASCII);
    private static final String CLASS_SUFFIX = ".class";

    private final ClassLoader loader;
    private AnnotatedApplication application;
    private final List<Annotated<ServletDefinition>> servlets = new ArrayList<>();
    private final List<Annotated<ListenerDefinition>> listeners = new ArrayList<>();
    private final List<Annotated<Method>> keys = new ArrayList<>();

    private AnnotationScanner(ClassLoader loader) {
        this.loader = loader;
    }

    static ScannedAnnotations scan(ApplicationLayout layout, ClassLoader loader) throws DeploymentException {
        AnnotationScanner scanner = new AnnotationScanner(loader);
        scanner.scanFolder(layout);
        for (Path jar : layout.libraryJars()) {
            scanner.scanJar(jar, layout.display(jar));
        }
        return new ScannedAnnotations(Optional.ofNullable(scanner.application), scanner.servlets, scanner.listeners,
                scanner.keys);
    }

    private void scanFolder(ApplicationLayout layout) throws DeploymentException {
        Path classes = layout.classes();
        if (!Files.isDirectory(classes)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(CLASS_SUFFIX)).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DeploymentException(layout.display(classes), 0, "cannot list classes: " + e, e);
        }
        for (Path file : files) {
            String relative = classes.relativize(file).toString().replace('\\', '/');
            String display = layout.display(file);
            try {
                if (namesAnnotationPackage(Files.readAllBytes(file))) {
                    inspect(binaryName(relative), SourceLocation.of(display));
                }
            } catch (IOException e) {
                throw new DeploymentException(display, 0, "cannot read class file: " + e, e);
            }
        }
    }

    private void scanJar(Path jar, String display) throws DeploymentException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                // META-INF/versions/... are multi-release variants of classes scanned at their base path
                if (entry.isDirectory() || !name.endsWith(CLASS_SUFFIX) || name.startsWith("META-INF/")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (namesAnnotationPackage(bytes)) {
                    inspect(binaryName(name), SourceLocation.of(display + "!/" + name));
                }
            }
        } catch (IOException e) {
            throw new DeploymentException(display, 0, "cannot read jar: " + e, e);
        }
    }

    private void inspect(String className, SourceLocation source) throws DeploymentException {
        if (className.equals("module-info")) {
            return;
        }
        try {
            Class<?> type = Class.forName(className, false, loader);
            SipApplication app = type.getDeclaredAnnotation(SipApplication.class);
            if (app != null) {
                application(type, app, source);
            }
            SipServlet servlet = type.getDeclaredAnnotation(SipServlet.class);
            if (servlet != null) {
                // SipServlet.name() javadoc: the default name is the unqualified class name
                String name = servlet.name().isEmpty() ? type.getSimpleName() : servlet.name();
                servlets.add(new Annotated<>(new ServletDefinition(name, type.getName(), servlet.description(), Map.of(),
                        servlet.loadOnStartup(), source), servlet.applicationName(), source));
            }
            SipListener listener = type.getDeclaredAnnotation(SipListener.class);
            if (listener != null) {
                listeners.add(new Annotated<>(new ListenerDefinition(type.getName(), source), listener.applicationName(),
                        source));
            }
            for (Method method : type.getDeclaredMethods()) {
                SipApplicationKey key = method.getAnnotation(SipApplicationKey.class);
                if (key != null) {
                    keys.add(new Annotated<>(checkedKeyMethod(method, source), key.applicationName(), source));
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DeploymentException(source, "cannot load annotated class " + className + ": " + e, e);
        }
    }

    private void application(Class<?> packageInfo, SipApplication app, SourceLocation source) throws DeploymentException {
        if (application != null) {
            throw new DeploymentException(source, "second @SipApplication, on package " + packageInfo.getPackageName()
                    + "; the first is in " + application.source().file());
        }
        application = new AnnotatedApplication(nonEmpty(app.name()), nonEmpty(app.displayName()),
                nonEmpty(app.description()), app.distributable(),
                nonEmpty(app.mainServlet()).map(n -> new DeclaredName(n, source)), app.sessionTimeout(),
                app.proxyTimeout(), source);
    }

    /** JSR 289 @SipApplicationKey: public static String anyName(SipServletRequest). */
    private static Method checkedKeyMethod(Method method, SourceLocation source) throws DeploymentException {
        int modifiers = method.getModifiers();
        boolean valid = Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && method.getReturnType() == String.class
                && Arrays.equals(method.getParameterTypes(), new Class<?>[] {SipServletRequest.class});
        if (!valid) {
            throw new DeploymentException(source, "@SipApplicationKey method " + method.getDeclaringClass().getName() + "."
                    + method.getName() + " must be declared public static String " + method.getName() + "(SipServletRequest)");
        }
        // the declaring class may be package-private; the container calls the method from outside it
        method.trySetAccessible();
        return method;
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static String binaryName(String relativePath) {
        return relativePath.substring(0, relativePath.length() - CLASS_SUFFIX.length()).replace('/', '.');
    }

    private static boolean namesAnnotationPackage(byte[] classFile) {
        outer:
        for (int i = 0; i <= classFile.length - ANNOTATION_PACKAGE.length; i++) {
            for (int j = 0; j < ANNOTATION_PACKAGE.length; j++) {
                if (classFile[i + j] != ANNOTATION_PACKAGE[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
