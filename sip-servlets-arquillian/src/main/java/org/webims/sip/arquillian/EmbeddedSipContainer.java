package org.webims.sip.arquillian;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.deploy.DeployedApplication;
import org.webims.sip.container.router.DefaultApplicationRouter;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipStackStartException;
import org.webims.sip.stack.SipTransport;

/**
 * Arquillian's view of our SIP servlet container, embedded in the test's JVM: starts a
 * {@link SipContainer} on 127.0.0.1 (UDP and TCP on one port), deploys each ShrinkWrap archive by
 * exporting it to a temporary folder, and undeploys and deletes it afterwards. Tests run as a
 * client ({@code @Deployment(testable = false)} or {@code @RunAsClient}) and talk SIP to it;
 * they find it through {@code @ArquillianResource SipEndpoint}.
 */
public final class EmbeddedSipContainer implements DeployableContainer<EmbeddedSipContainerConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSipContainer.class);
    private static final String HOST = "127.0.0.1";
    /** A free port can be taken by another process between choosing and binding it: choose again. */
    private static final int FREE_PORT_ATTEMPTS = 3;

    private EmbeddedSipContainerConfiguration configuration = new EmbeddedSipContainerConfiguration();
    private SipContainer container;
    private SipEndpoint endpoint;
    private ApplicationFolders folders;
    private final Map<String, Deployed> deployedByArchiveName = new LinkedHashMap<>();

    private record Deployed(String applicationName, Path folder) {
    }

    @Override
    public Class<EmbeddedSipContainerConfiguration> getConfigurationClass() {
        return EmbeddedSipContainerConfiguration.class;
    }

    @Override
    public synchronized void setup(EmbeddedSipContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public synchronized void start() throws LifecycleException {
        if (container != null) {
            throw new LifecycleException("the embedded SIP container is already started on " + endpoint.hostPort());
        }
        configuration.validate();
        DefaultApplicationRouter router = configuration.getDarFile() == null ? null : router(configuration.darPath());
        startContainer();
        if (router != null) {
            container.setApplicationRouter(router);
        }
        try {
            folders = ApplicationFolders.createTemporary();
        } catch (IOException e) {
            stop();
            throw new LifecycleException("cannot create a folder for deployments: " + e.getMessage(), e);
        }
        LOG.atInfo().addKeyValue("sip", endpoint.hostPort()).addKeyValue("dar", configuration.darPath())
                .log("embedded SIP container started");
    }

    /** JSR 289 Appendix C: the default application router reading the configured DAR file. */
    private static DefaultApplicationRouter router(Path darFile) throws LifecycleException {
        DefaultApplicationRouter router = new DefaultApplicationRouter();
        Properties properties = new Properties();
        properties.setProperty(DefaultApplicationRouter.CONFIGURATION_PROPERTY, darFile.toString());
        try {
            router.init(properties);
        } catch (RuntimeException e) {
            throw new LifecycleException("darFile " + e.getMessage(), e);
        }
        return router;
    }

    private void startContainer() throws LifecycleException {
        boolean choosePort = configuration.getSipPort() == 0;
        for (int attempt = 1; ; attempt++) {
            int port = choosePort ? LoopbackPorts.freeUdpAndTcp() : configuration.getSipPort();
            SipContainer candidate = new SipContainer(new SipStackSettings(configuration.getStackName(), List.of(
                    new ListenAddress(SipTransport.UDP, HOST, port),
                    new ListenAddress(SipTransport.TCP, HOST, port)), configuration.getMaxMessageBytes()));
            try {
                candidate.start();
                container = candidate;
                endpoint = new SipEndpoint(HOST, port);
                return;
            } catch (SipStackStartException e) {
                candidate.close();
                if (!choosePort || attempt == FREE_PORT_ATTEMPTS) {
                    throw new LifecycleException("cannot start the embedded SIP container on " + HOST + ":" + port
                            + ": " + e.getMessage(), e);
                }
                LOG.atDebug().addKeyValue("port", port).log("free port taken meanwhile, choosing another");
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (container == null) {
            return;
        }
        for (String archiveName : List.copyOf(deployedByArchiveName.keySet())) {
            undeploy(archiveName);
        }
        container.close();
        if (folders != null) {
            folders.deleteAll();
        }
        LOG.atInfo().addKeyValue("sip", endpoint.hostPort()).log("embedded SIP container stopped");
        container = null;
        endpoint = null;
        folders = null;
    }

    /** Tests run as a client; the Local protocol runs any in-container test in this same JVM. */
    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    /**
     * Deploys {@code archive}; a bad application fails with Arquillian's DeploymentException whose
     * message is the container's "file:line: reason", the file named inside the archive.
     */
    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String archiveName = archive.getName();
        if (container == null) {
            throw new DeploymentException(archiveName + ": the embedded SIP container is not started");
        }
        if (deployedByArchiveName.containsKey(archiveName)) {
            throw new DeploymentException(archiveName + ": an archive of that name is already deployed");
        }
        Path folder;
        try {
            folder = folders.export(archive);
        } catch (IOException | RuntimeException e) {
            throw DeploymentFailures.of(archiveName, "cannot export the archive", e);
        }
        try {
            DeployedApplication application = container.deploy(folder);
            deployedByArchiveName.put(archiveName, new Deployed(application.name(), folder));
            LOG.atDebug().addKeyValue("archive", archiveName).addKeyValue("application", application.name())
                    .log("archive deployed");
        } catch (org.webims.sip.container.deploy.DeploymentException e) {
            folders.delete(folder);
            throw DeploymentFailures.inArchive(archiveName, folder, e);
        } catch (RuntimeException e) {
            // e.g. an application of the same app-name is deployed already
            folders.delete(folder);
            throw DeploymentFailures.of(archiveName, "not deployed", e);
        }
        return new ProtocolMetaData().addContext(endpoint);
    }

    /** Undeploys and deletes the archive's folder; an archive that is not deployed is ignored. */
    @Override
    public synchronized void undeploy(Archive<?> archive) {
        undeploy(archive.getName());
    }

    private void undeploy(String archiveName) {
        Deployed deployed = deployedByArchiveName.remove(archiveName);
        if (deployed == null || container == null) {
            return;
        }
        container.undeploy(deployed.applicationName());
        folders.delete(deployed.folder());
    }

    /** The folder {@code archiveName} was exported to, or null when it is not deployed. */
    synchronized Path deploymentFolder(String archiveName) {
        Deployed deployed = deployedByArchiveName.get(archiveName);
        return deployed == null ? null : deployed.folder();
    }

    /** Where the container listens; null unless started. */
    public synchronized SipEndpoint endpoint() {
        return endpoint;
    }

    /** The running container, for what only it can tell (live session counts); null unless started. */
    public synchronized SipContainer sipContainer() {
        return container;
    }
}
