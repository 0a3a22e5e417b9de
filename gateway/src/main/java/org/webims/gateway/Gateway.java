package org.webims.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.gateway.config.GatewaySettings;
import org.webims.gateway.http.HttpFrontend;
import org.webims.interworking.InterworkingApplication;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.inprocess.InProcessMediaControl;
import org.webims.interworking.media.remote.RemoteMediaControl;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.media.node.MediaNode;
import org.webims.media.node.MediaNodeServer;
import org.webims.sip.container.ContainerCapabilities;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.deploy.DeploymentException;
import org.webims.sip.container.router.DefaultApplicationRouter;
import org.webims.sip.stack.SipStackStartException;

/** Everything the gateway runs in one process, started and stopped together. */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewaySettings settings;
    private final SipContainer sip;
    private HttpFrontend http;
    private MediaNodeServer media;
    private InProcessMediaControl mediaControl;
    private RemoteMediaControl remoteMediaControl;
    private Path interworkingFolder;

    private Gateway(GatewaySettings settings) {
        this.settings = settings;
        this.sip = new SipContainer(settings.sip(), ContainerCapabilities.defaults(), settings.workerThreads(),
                settings.maxPending(), settings.sessionTimers());
    }

    /** Starts every listener, or none: a failure closes what was already open. */
    public static Gateway start(GatewaySettings settings) throws GatewayStartException {
        Gateway gateway = new Gateway(settings);
        try {
            // the node's engine transcodes where the legs' codecs differ (Opus <-> AMR-WB, VP8 <-> H.264)
            gateway.media = MediaNodeServer.start(settings.media(), settings.kurento());
            gateway.mediaControl = new InProcessMediaControl(gateway.media.node());
            List<URI> nodes = settings.interworking().mediaNodes();
            if (nodes.isEmpty()) {
                gateway.sip.setSharedAttribute(MediaControl.ATTRIBUTE, gateway.mediaControl);
            } else {
                gateway.remoteMediaControl = new RemoteMediaControl(nodes, settings.interworking().mediaNodesToken());
                gateway.sip.setSharedAttribute(MediaControl.ATTRIBUTE, gateway.remoteMediaControl);
                LOG.atInfo().addKeyValue("nodes", nodes).log("calls use remote media nodes");
            }
            gateway.sip.start();
            gateway.deployApplications();
            if (settings.http() != null) {
                gateway.http = HttpFrontend.start(settings.http().host(), settings.http().port(), gateway::healthJson);
            }
        } catch (SipStackStartException e) {
            gateway.close();
            throw new GatewayStartException(e.getMessage(), e);
        } catch (IOException e) {
            gateway.close();
            throw new GatewayStartException(gateway.media == null ? "cannot start the media node or its Kurento server"
                    + (settings.kurento() == null ? "" : " on " + settings.kurento().host() + ":" + settings.kurento().port())
                    + ": " + e.getMessage()
                    : "cannot listen for HTTP on " + settings.http() + ": " + e.getMessage(), e);
        }
        LOG.info("gateway started");
        return gateway;
    }

    /** Deploys the configured applications; one that fails is logged with file, line and reason and skipped. */
    private void deployApplications() throws GatewayStartException {
        if (settings.applicationRouter() != null) {
            DefaultApplicationRouter router = new DefaultApplicationRouter();
            Properties p = new Properties();
            p.setProperty(DefaultApplicationRouter.CONFIGURATION_PROPERTY, settings.applicationRouter().toString());
            try {
                router.init(p);
            } catch (RuntimeException e) {
                throw new GatewayStartException("application router: " + e.getMessage(), e);
            }
            sip.setApplicationRouter(router);
        }
        if (settings.interworking().enabled()) {
            sip.setSharedAttribute(InterworkingSettings.ATTRIBUTE, settings.interworking().settings());
            try {
                interworkingFolder = Files.createTempDirectory("webims-interworking");
                sip.deploy(InterworkingApplication.writeFolder(interworkingFolder));
            } catch (IOException | DeploymentException e) {
                LOG.atError().addKeyValue("application", InterworkingApplication.NAME).log("deployment failed: {}", e.getMessage());
            }
        }
        for (Path app : settings.applications()) {
            try {
                sip.deploy(app);
            } catch (DeploymentException e) {
                LOG.atError().addKeyValue("application", app).log("deployment failed: {}", e.getMessage());
            }
        }
    }

    private String healthJson() {
        String listeners = sip.listenAddresses().stream()
                .map(a -> "\"" + a.transport().name().toLowerCase() + "\":\"" + a.host() + ":" + a.port() + "\"")
                .collect(Collectors.joining(","));
        String kurento = media == null || media.uri() == null ? "" : ",\"kurento\":\"" + media.uri() + "\"";
        return "{\"status\":\"up\",\"sip\":{" + listeners + "}" + kurento + "}\n";
    }

    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
            http = null;
        }
        sip.close();
        if (remoteMediaControl != null) {
            remoteMediaControl.close();
            remoteMediaControl = null;
        }
        if (mediaControl != null) {
            mediaControl.close();
            mediaControl = null;
        }
        if (media != null) {
            media.close();
            media = null;
        }
        if (interworkingFolder != null) {
            deleteQuietly(interworkingFolder);
            interworkingFolder = null;
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not remove the interworking application folder");
        }
    }

    /** The in-process media control (the interworking application's unless {@code media.nodes} is set). */
    public InProcessMediaControl mediaControl() {
        return mediaControl;
    }

    /** The in-process media node, for the interworking application's media control. */
    public MediaNode media() {
        return media == null ? null : media.node();
    }
}
