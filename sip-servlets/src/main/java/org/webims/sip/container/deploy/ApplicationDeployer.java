package org.webims.sip.container.deploy;

import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.deploy.ScannedAnnotations.Annotated;

/**
 * Deploys JSR 289 applications: reads WEB-INF/sip.xml and the annotations, builds the class
 * loader, checks every class, then starts the application's code. A failure fails only that
 * deployment, with the file and line at fault, and leaves nothing behind (class loader closed,
 * unpacked archive deleted, started code stopped).
 */
public final class ApplicationDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationDeployer.class);

    private final Function<String, ContainerServices> servicesForApplicationName;
    private final ClassLoader parent;

    /**
     * @param servicesForApplicationName the services of an application, by its name
     * @param parent the loader of the container and its API (javax.servlet, javax.servlet.sip)
     */
    public ApplicationDeployer(Function<String, ContainerServices> servicesForApplicationName, ClassLoader parent) {
        this.servicesForApplicationName = Objects.requireNonNull(servicesForApplicationName);
        this.parent = Objects.requireNonNull(parent);
    }

    /**
     * Deploys an exploded folder (WEB-INF/sip.xml, WEB-INF/classes, WEB-INF/lib/*.jar) or an
     * archive (.sar/.war/.jar, unpacked to a temporary folder that undeploy removes).
     */
    public DeployedApplication deploy(Path folderOrArchive) throws DeploymentException {
        ApplicationLayout layout = ApplicationLayout.open(folderOrArchive);
        ApplicationClassLoader loader = null;
        try {
            Optional<SipXmlContent> sipXml = Files.isRegularFile(layout.sipXml())
                    ? Optional.of(SipXmlParser.parse(layout.sipXml(), layout.display(layout.sipXml())))
                    : Optional.empty();
            loader = new ApplicationClassLoader(layout.displayRoot(), classPath(layout), parent);
            ScannedAnnotations annotations = AnnotationScanner.scan(layout, loader);
            if (sipXml.isEmpty() && annotations.declaresNothing()) {
                throw new DeploymentException(layout.displayRoot(), 0,
                        "not a SIP application: no WEB-INF/sip.xml and no @SipApplication, @SipServlet or @SipListener class");
            }
            SipApplicationDescriptor descriptor = DescriptorMerger.merge(sipXml, annotations, layout);
            Optional<Method> key = applicationKey(annotations);
            ApplicationClasses classes = ApplicationClasses.load(descriptor, loader);

            ContainerServices services = Objects.requireNonNull(servicesForApplicationName.apply(descriptor.name()),
                    () -> "no container services for application " + descriptor.name());
            SipServletContext context = new SipServletContext(descriptor, layout.root(), loader, services);
            ApplicationLifecycle lifecycle = new ApplicationLifecycle(descriptor, classes, context, loader);
            lifecycle.start();
            LOG.atInfo().addKeyValue("app", descriptor.name()).addKeyValue("from", layout.displayRoot())
                    .addKeyValue("servlets", descriptor.servlets().size()).log("application deployed");
            return new DeployedApplication(descriptor, context, loader, layout, lifecycle, key);
        } catch (DeploymentException | RuntimeException e) {
            if (loader != null) {
                DeployedApplication.closeQuietly(loader, layout.displayRoot());
            }
            layout.discard();
            throw e;
        }
    }

    private static URL[] classPath(ApplicationLayout layout) throws DeploymentException {
        List<URL> urls = new ArrayList<>();
        try {
            if (Files.isDirectory(layout.classes())) {
                urls.add(layout.classes().toUri().toURL());
            }
            for (Path jar : layout.libraryJars()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new DeploymentException(layout.displayRoot(), 0, "cannot build the class path: " + e, e);
        }
        return urls.toArray(URL[]::new);
    }

    /** JSR 289: at most one @SipApplicationKey method per application. */
    private static Optional<Method> applicationKey(ScannedAnnotations annotations) throws DeploymentException {
        List<Annotated<Method>> keys = annotations.applicationKeys();
        if (keys.size() > 1) {
            Annotated<Method> second = keys.get(1);
            throw new DeploymentException(second.source(), "second @SipApplicationKey method "
                    + second.declaration().getName() + "; the first is in "
                    + keys.get(0).declaration().getDeclaringClass().getName());
        }
        return keys.stream().findFirst().map(Annotated::declaration);
    }
}
