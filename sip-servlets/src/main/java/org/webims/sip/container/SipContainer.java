package org.webims.sip.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.sip.ListeningPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.address.JainURIs;
import org.webims.sip.container.deploy.ApplicationDeployer;
import org.webims.sip.container.deploy.ContainerServices;
import org.webims.sip.container.deploy.DeployedApplication;
import org.webims.sip.container.deploy.DeploymentException;
import org.webims.sip.container.dispatch.ApplicationComposition;
import org.webims.sip.container.dispatch.DeployedApplications;
import org.webims.sip.container.dispatch.InboundDispatcher;
import org.webims.sip.container.dispatch.WorkerPool;
import org.webims.sip.container.factory.ContainerSipFactory;
import org.webims.sip.container.message.RequestFactory;
import org.webims.sip.container.session.ContainerSipSessionsUtil;
import org.webims.sip.container.timer.ContainerTimerService;
import org.webims.sip.container.transaction.Transmitter;
import org.webims.sip.sessiontimer.SessionTimerLayer;
import org.webims.sip.sessiontimer.SessionTimerSettings;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackHost;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipStackStartException;
import org.webims.sip.stack.WebSocketClosures;

/**
 * The SIP servlet container: a SIP stack, the applications deployed on it, the router that
 * composes them, and the runtime between them (JSR 289).
 */
public final class SipContainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipContainer.class);

    private final SipStackSettings settings;
    private final ContainerCapabilities capabilities;
    private final SipStackHost stackHost;
    private final DeployedApplications applications = new DeployedApplications();
    private final Map<String, Object> sharedAttributes = new ConcurrentHashMap<>();
    private final int workerThreads;
    private final int maxPendingTasks;
    private final SessionTimerSettings sessionTimerSettings;
    private SessionTimerLayer sessionTimers;
    private WorkerPool workers;
    private ContainerContext context;
    private RequestFactory requests;
    private ContainerTimerService timers;

    public SipContainer(SipStackSettings settings) {
        this(settings, ContainerCapabilities.defaults());
    }

    public SipContainer(SipStackSettings settings, ContainerCapabilities capabilities) {
        this(settings, capabilities, Math.max(4, Runtime.getRuntime().availableProcessors() * 2), 10_000);
    }

    /**
     * @param workerThreads   threads application code runs on
     * @param maxPendingTasks past this many queued or running tasks, new out-of-dialog requests get 503
     */
    public SipContainer(SipStackSettings settings, ContainerCapabilities capabilities, int workerThreads,
                        int maxPendingTasks) {
        this(settings, capabilities, workerThreads, maxPendingTasks, SessionTimerSettings.defaults());
    }

    /** @param sessionTimers the session timer policy for the applications' dialogs (RFC 4028) */
    public SipContainer(SipStackSettings settings, ContainerCapabilities capabilities, int workerThreads,
                        int maxPendingTasks, SessionTimerSettings sessionTimers) {
        this.sessionTimerSettings = sessionTimers;
        this.settings = settings;
        this.capabilities = capabilities;
        this.stackHost = new SipStackHost(settings);
        this.workerThreads = workerThreads;
        this.maxPendingTasks = maxPendingTasks;
    }

    public synchronized void start() throws SipStackStartException {
        workers = new WorkerPool(workerThreads, maxPendingTasks);
        stackHost.start(host -> {
            context = new ContainerContext(host, capabilities, workers);
            ApplicationComposition composition = new ApplicationComposition(context, applications);
            sessionTimers = new SessionTimerLayer(context, sessionTimerSettings);
            Transmitter transmitter = new Transmitter(context, composition::beforeSend, sessionTimers);
            requests = new RequestFactory(context, transmitter);
            context.sessions().setRequestFactory(requests);
            transmitter.b2bua().setRequestFactory(requests);
            timers = new ContainerTimerService(workers.timers());
            InboundDispatcher dispatcher = new InboundDispatcher(context, applications, transmitter, composition);
            setSharedAttribute(WebSocketClosures.ATTRIBUTE, host.webSocketClosures().listeners());
            return new StackEventListener(host.provider(), host.messageFactory(), host.headerFactory(), capabilities, dispatcher);
        });
    }

    /**
     * Shares {@code value} with every application under {@code name}: each deployed application's
     * ServletContext returns it from getAttribute unless the application set its own attribute of
     * that name. How the host process hands applications its services (the gateway's media
     * control); null removes it. Applications deployed before and after the call see it alike.
     */
    public void setSharedAttribute(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            sharedAttributes.remove(name);
        } else {
            sharedAttributes.put(name, value);
        }
    }

    /** What {@link #setSharedAttribute} (or the container itself, e.g. its WebSocket close listeners) shares under {@code name}; null if nothing. */
    public Object sharedAttribute(String name) {
        return sharedAttributes.get(name);
    }

    /** Uses {@code router} to choose applications for initial requests (JSR 289 §15). */
    public void setApplicationRouter(SipApplicationRouter router) {
        applications.setRouter(router);
    }

    /**
     * Deploys an application folder or archive. A bad descriptor fails this deployment only,
     * with file, line and reason; the container and other applications go on.
     */
    public DeployedApplication deploy(Path folderOrArchive) throws DeploymentException {
        if (context == null) {
            throw new IllegalStateException("start the container before deploying");
        }
        ApplicationDeployer deployer = new ApplicationDeployer(this::servicesFor, SipContainer.class.getClassLoader());
        DeployedApplication app = deployer.deploy(folderOrArchive);
        try {
            applications.add(app);
        } catch (IllegalStateException e) {
            app.undeploy();
            throw e;
        }
        LOG.atInfo().addKeyValue("application", app.name()).addKeyValue("from", folderOrArchive).log("deployed");
        return app;
    }

    public void undeploy(String applicationName) {
        DeployedApplication app = applications.remove(applicationName);
        if (app != null) {
            app.undeploy();
            LOG.atInfo().addKeyValue("application", applicationName).log("undeployed");
        }
    }

    private ContainerServices servicesFor(String applicationName) {
        ContainerSipFactory factory = new ContainerSipFactory(context, requests, () -> applications.get(applicationName));
        return new ContainerServices(factory, timers,
                new ContainerSipSessionsUtil(context.sessions(), () -> applications.get(applicationName)),
                outboundInterfaces(), capabilities.supported(), Collections.unmodifiableMap(sharedAttributes));
    }

    private List<SipURI> outboundInterfaces() {
        List<SipURI> list = new ArrayList<>();
        for (ListeningPoint lp : stackHost.listeningPoints()) {
            SipURI uri = JainURIs.sipURI(null, lp.getIPAddress());
            uri.setPort(lp.getPort());
            uri.setTransportParam(lp.getTransport().toLowerCase());
            list.add(uri);
        }
        return list;
    }

    public List<ListenAddress> listenAddresses() {
        return settings.listenAddresses();
    }

    public ContainerCapabilities capabilities() {
        return capabilities;
    }

    /** Live SIP sessions, for tests and metrics: a leak shows here. */
    public int sipSessionCount() {
        return context == null ? 0 : context.sessions().sipSessionCount();
    }

    /** Session timers (RFC 4028) running now, for tests and metrics: a leak shows here. */
    public int sessionTimerCount() {
        return sessionTimers == null ? 0 : sessionTimers.runningTimers();
    }

    /** The container's timer tasks waiting to run (transaction watches, application timers), for tests and metrics. */
    public int scheduledTimerCount() {
        return workers == null ? 0 : workers.scheduledTimers();
    }

    public int applicationSessionCount() {
        return context == null ? 0 : context.sessions().applicationSessions().size();
    }

    @Override
    public synchronized void close() {
        for (DeployedApplication app : applications.all()) {
            undeploy(app.name());
        }
        stackHost.close();
        if (workers != null) {
            workers.close();
        }
    }
}
