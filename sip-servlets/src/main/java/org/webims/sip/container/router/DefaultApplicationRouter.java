package org.webims.sip.container.router;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSR 289 default application router (Appendix C): invokes, for each initial request, the
 * deployed applications its DAR file lists for the request's method, in order. The decision is
 * {@link DarRouteSelector}'s; this class reads the request and keeps the deployed set.
 * Thread-safe: the configuration and the deployed set are immutable values swapped whole.
 */
public final class DefaultApplicationRouter implements SipApplicationRouter {
    /** JSR 289 Appendix C: the container property naming the DAR file (a file: URL or a path). */
    public static final String CONFIGURATION_PROPERTY = "javax.servlet.sip.ar.dar.configuration";
    private static final String PROPERTIES_SOURCE = "init(Properties)";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultApplicationRouter.class);

    private final Function<String, String> containerProperties;
    private final AtomicBoolean initialised = new AtomicBoolean();
    private final Object deploymentLock = new Object();
    private volatile DarRouteSelector selector;
    private volatile Set<String> deployed = Set.of();

    /** A router whose {@link #init()} reads the DAR location from the system properties. */
    public DefaultApplicationRouter() {
        this(System::getProperty);
    }

    /** A router whose {@link #init()} reads the DAR location from the container's own properties. */
    public DefaultApplicationRouter(Function<String, String> containerProperties) {
        this.containerProperties = Objects.requireNonNull(containerProperties, "containerProperties");
    }

    /**
     * Reads the DAR file that {@value #CONFIGURATION_PROPERTY} names; without it no application is
     * ever selected.
     *
     * @throws DarFileException if the file cannot be read or is malformed
     * @throws IllegalStateException if the router was initialised before (JSR 289: once only)
     */
    @Override
    public void init() {
        claimInit();
        String location = containerProperties.apply(CONFIGURATION_PROPERTY);
        if (location == null || location.isBlank()) {
            install(DarConfiguration.empty(), CONFIGURATION_PROPERTY + " not set: no application will be selected");
        } else {
            install(DarFileParser.read(location.strip()), location.strip());
        }
    }

    /**
     * Takes the DAR content as properties, each key a SIP method and each value its router infos.
     * Properties holding only {@value #CONFIGURATION_PROPERTY} name the file instead.
     *
     * @throws DarFileException if the content is malformed
     * @throws IllegalStateException if the router was initialised before
     */
    @Override
    public void init(Properties properties) {
        if (properties == null) {
            init();
            return;
        }
        claimInit();
        String location = properties.getProperty(CONFIGURATION_PROPERTY);
        if (location == null) {
            install(DarFileParser.parse(PROPERTIES_SOURCE, properties), PROPERTIES_SOURCE);
        } else if (properties.stringPropertyNames().size() == 1) {
            install(DarFileParser.read(location.strip()), location.strip());
        } else {
            throw new DarFileException(PROPERTIES_SOURCE, 0, "holds both " + CONFIGURATION_PROPERTY
                    + " and method lines; give the file location or the lines, not both");
        }
    }

    private void claimInit() {
        if (!initialised.compareAndSet(false, true)) {
            throw new IllegalStateException("the application router was already initialised");
        }
    }

    private void install(DarConfiguration configuration, String source) {
        selector = new DarRouteSelector(configuration);
        LOG.atInfo().addKeyValue("source", source).addKeyValue("methods", configuration.methods())
                .log("default application router configured");
    }

    @Override
    public void applicationDeployed(List<String> newlyDeployedApplicationNames) {
        synchronized (deploymentLock) {
            Set<String> names = new HashSet<>(deployed);
            names.addAll(newlyDeployedApplicationNames);
            deployed = Set.copyOf(names);
        }
        LOG.atDebug().addKeyValue("applications", newlyDeployedApplicationNames).log("applications deployed");
    }

    @Override
    public void applicationUndeployed(List<String> undeployedApplicationNames) {
        synchronized (deploymentLock) {
            Set<String> names = new HashSet<>(deployed);
            names.removeAll(undeployedApplicationNames);
            deployed = Set.copyOf(names);
        }
        LOG.atDebug().addKeyValue("applications", undeployedApplicationNames).log("applications undeployed");
    }

    /** The applications deployed now, as the container last told. */
    public Set<String> deployedApplications() {
        return deployed;
    }

    /** The configuration in use; empty before {@code init} and after {@link #destroy()}. */
    public DarConfiguration configuration() {
        DarRouteSelector current = selector;
        return current == null ? DarConfiguration.empty() : current.configuration();
    }

    /**
     * The next application for {@code initialRequest}, or null when none is left. The directive
     * needs no reading: the container passes null stateInfo with NEW and the original request's
     * with CONTINUE and REVERSE (JSR 289 §15.4.1), so the state alone says where to resume.
     *
     * @throws IllegalStateException before {@code init} or after {@link #destroy()}
     * @throws IllegalArgumentException if {@code stateInfo} is not one this router issued
     */
    @Override
    public SipApplicationRouterInfo getNextApplication(SipServletRequest initialRequest,
            SipApplicationRoutingRegion region, SipApplicationRoutingDirective directive,
            SipTargetedRequestInfo targetedRequestInfo, Serializable stateInfo) {
        DarRouteSelector current = selector;
        if (current == null) {
            throw new IllegalStateException("the application router is not initialised or was destroyed");
        }
        String method = initialRequest.getMethod();
        DarSelection selection = targetedRequestInfo != null
                ? current.targeted(method, targetedRequestInfo.getApplicationName())
                : current.next(method, stateInfo, deployed);
        if (selection == null) {
            LOG.atDebug().addKeyValue("method", method).log("no further application");
            return null;
        }
        DarRoute route = selection.route();
        LOG.atDebug().addKeyValue("method", method).addKeyValue("application", route.applicationName())
                .addKeyValue("region", route.region()).log("application selected");
        return new SipApplicationRouterInfo(route.applicationName(), route.region(),
                subscriberUri(initialRequest, route.subscriber()), route.routes(), route.modifier(),
                selection.stateInfo());
    }

    /** The subscriber's URI: the named header's address URI, the literal, or null when there is none. */
    private static String subscriberUri(SipServletRequest request, DarSubscriber subscriber) {
        if (!subscriber.isFromHeader()) {
            return subscriber.literal();
        }
        try {
            Address address = request.getAddressHeader(subscriber.headerName());
            if (address != null) {
                return address.getURI().toString();
            }
            LOG.atDebug().addKeyValue("header", subscriber.headerName()).log("subscriber header absent");
        } catch (ServletParseException e) {
            LOG.atDebug().addKeyValue("header", subscriber.headerName()).addKeyValue("error", e.getMessage())
                    .log("subscriber header is not an address");
        }
        return null;
    }

    /** Forgets the configuration and the deployed applications; the router cannot be used again. */
    @Override
    public void destroy() {
        selector = null;
        synchronized (deploymentLock) {
            deployed = Set.of();
        }
    }
}
