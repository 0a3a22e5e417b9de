package org.webims.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.gateway.config.DemoImsConfig;
import org.webims.gateway.config.GatewaySettings;
import org.webims.gateway.config.InterworkingConfig;
import org.webims.gateway.demo.DemoIms;
import org.webims.gateway.demo.DemoImsLauncher;
import org.webims.gateway.demo.DemoImsProvider;
import org.webims.gateway.http.DemoPage;
import org.webims.gateway.http.HttpFrontend;
import org.webims.gateway.http.IceServersAccess;
import org.webims.interworking.InterworkingApplication;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.inprocess.InProcessMediaControl;
import org.webims.interworking.media.remote.RemoteMediaControl;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.WebUser;
import org.webims.media.node.MediaNode;
import org.webims.media.node.MediaNodeServer;
import org.webims.sip.container.ContainerCapabilities;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.deploy.DeploymentException;
import org.webims.sip.container.router.DefaultApplicationRouter;
import org.webims.sip.stack.SipStackStartException;
import org.webims.sip.stack.SipTransport;

/** Everything the gateway runs in one process, started and stopped together. */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewaySettings settings;
    private final SipContainer sip;
    private HttpFrontend http;
    private MediaNodeServer media;
    private InProcessMediaControl mediaControl;
    private RemoteMediaControl remoteMediaControl;
    private DemoIms demoIms;
    private Path interworkingFolder;

    private Gateway(GatewaySettings settings) {
        this.settings = settings;
        this.sip = new SipContainer(settings.sip(), capabilities(), settings.workerThreads(),
                settings.maxPending(), settings.sessionTimers());
    }

    /** The container's defaults with the option tags the interworking application handles itself (RFC 3312 precondition). */
    private static ContainerCapabilities capabilities() {
        ContainerCapabilities defaults = ContainerCapabilities.defaults();
        java.util.List<String> supported = new java.util.ArrayList<>(defaults.supported());
        supported.addAll(InterworkingApplication.OPTION_TAGS);
        return new ContainerCapabilities(defaults.allow(), defaults.accept(), supported);
    }

    /** Starts every listener, or none: a failure of any kind closes what was already open. */
    public static Gateway start(GatewaySettings settings) throws GatewayStartException {
        Gateway gateway = new Gateway(settings);
        try {
            // the node's engine transcodes where the legs' codecs differ (Opus <-> AMR-WB, VP8 <-> H.264)
            gateway.media = MediaNodeServer.start(settings.media(), settings.kurento());
            var interworking = settings.interworking().settings();
            var imsBandwidths = org.webims.interworking.media.inprocess.MtsiRtpSettings.bandwidths(
                    interworking == null ? null : interworking.carrierProfile());
            gateway.mediaControl = new InProcessMediaControl(gateway.media.node(), imsBandwidths,
                    org.webims.webrtc.WebRtcEndpointSettings.defaults().withConsentTimeout(settings.webConsentTimeout()));
            List<URI> nodes = settings.interworking().mediaNodes();
            if (nodes.isEmpty()) {
                gateway.sip.setSharedAttribute(MediaControl.ATTRIBUTE, gateway.mediaControl);
            } else {
                gateway.remoteMediaControl = new RemoteMediaControl(nodes, settings.interworking().mediaNodesToken(),
                        org.webims.interworking.media.remote.RemoteMediaTimings.defaults(), imsBandwidths);
                gateway.sip.setSharedAttribute(MediaControl.ATTRIBUTE, gateway.remoteMediaControl);
                LOG.atInfo().addKeyValue("nodes", nodes).log("calls use remote media nodes");
            }
            gateway.sip.start();
            gateway.startDemoIms();
            gateway.deployApplications();
            if (settings.http() != null) {
                DemoPage page;
                try {
                    page = DemoPage.fromClassPath();
                } catch (IllegalStateException | java.io.UncheckedIOException e) {
                    throw new GatewayStartException("demo page: " + e.getMessage(), e);
                }
                IceServersAccess access;
                try {
                    access = IceServersAccess.of(settings.interworking().settings());
                } catch (IOException e) {
                    throw new GatewayStartException("web users' bearer key: " + e.getMessage(), e);
                }
                gateway.http = HttpFrontend.start(settings.http().host(), settings.http().port(), gateway::healthJson,
                        page, gateway::demoPageJson, settings.iceServers(), access);
            }
        } catch (GatewayStartException e) {
            gateway.closeAfter(e);
            throw e;
        } catch (SipStackStartException e) {
            gateway.closeAfter(e);
            throw new GatewayStartException(e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            // an unchecked failure half-way (a library's, or a bug) frees the ports and threads opened
            // before it as a checked one does (decision 0093)
            gateway.closeAfter(e);
            throw e;
        } catch (IOException e) {
            gateway.closeAfter(e);
            throw new GatewayStartException(gateway.media == null ? "cannot start the media node or its Kurento server"
                    + (settings.kurento() == null ? "" : " on " + settings.kurento().host() + ":" + settings.kurento().port())
                    + ": " + e.getMessage()
                    : "cannot listen for HTTP on " + settings.http() + ": " + e.getMessage(), e);
        }
        // Which runtime: bin/gateway picks the newest JDK found (decision 0038), so say which it was.
        LOG.atInfo().addKeyValue("java", Runtime.version()).addKeyValue("vm", System.getProperty("java.vm.name"))
                .log("gateway started");
        return gateway;
    }

    /** Closes what a failed start opened; a failure to close rides on the start's failure, which stays the one thrown. */
    private void closeAfter(Throwable startFailure) {
        try {
            close();
        } catch (RuntimeException | Error e) {
            startFailure.addSuppressed(e);
        }
    }

    /** The test IMS core beside the gateway (demo.ims), with the web users' identities routed here by iFC. */
    private void startDemoIms() throws GatewayStartException {
        DemoImsConfig demo = settings.demoIms();
        if (!demo.enabled()) {
            return;
        }
        if (!settings.interworking().enabled()) {
            LOG.info("demo IMS network not started: interworking.enabled is false");
            return;
        }
        String asUri = sip.listenAddresses().stream()
                .filter(a -> a.transport() == SipTransport.UDP || a.transport() == SipTransport.TCP)
                .map(a -> "sip:" + a.host() + ":" + a.port() + (a.transport() == SipTransport.TCP ? ";transport=tcp" : ""))
                .findFirst().orElseThrow(() -> new GatewayStartException(
                        "demo.ims needs a SIP UDP or TCP listener for the S-CSCF to reach the gateway", null));
        var interworking = settings.interworking().settings();
        demoIms = DemoImsLauncher.start(new DemoImsProvider.Settings(interworking.domain(), demo.scscf().host(),
                demo.scscf().port(), demo.pcscf().host(), demo.pcscf().port(), asUri,
                interworking.users().values().stream().map(WebUser::impu).toList()));
        LOG.atInfo().addKeyValue("scscf", demo.scscf()).addKeyValue("pcscf", demo.pcscf())
                .addKeyValue("users", demoIms.users().stream().map(DemoIms.User::uri).toList())
                .log("demo IMS network started");
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
        return "{\"status\":\"up\",\"sip\":{" + listeners + "}" + kurento + ",\"calls\":" + callResources() + "}\n";
    }

    /**
     * What live calls hold, read-only: the container's application and SIP sessions and session
     * timers, the in-process media node's pipelines and registered media sockets. All go back to
     * their idle values when calls end, so a leak shows here.
     */
    private String callResources() {
        ObjectNode calls = JSON.createObjectNode().put("applicationSessions", sip.applicationSessionCount())
                .put("sipSessions", sip.sipSessionCount()).put("sessionTimers", sip.sessionTimerCount());
        MediaNode node = media();
        if (node != null) {
            calls.put("mediaPipelines", node.engine().pipelines().size()).put("mediaSockets", node.io().registrations());
        }
        return calls.toString();
    }

    /**
     * What the demo page fills its fields with: the SIP WebSocket to use, the web users' domain, and
     * with the demo IMS network its users to call and the built-in demo web user (never a user of
     * an operator's own users file).
     */
    private String demoPageJson() {
        String ws = sip.listenAddresses().stream().filter(a -> a.transport() == SipTransport.WS)
                .map(a -> "ws://" + a.host() + ":" + a.port()).findFirst()
                .or(() -> sip.listenAddresses().stream().filter(a -> a.transport() == SipTransport.WSS)
                        .map(a -> "wss://" + a.host() + ":" + a.port()).findFirst())
                .orElse("");
        String domain = settings.interworking().enabled() ? settings.interworking().settings().domain() : "";
        ObjectNode json = JSON.createObjectNode().put("ws", ws).put("domain", domain)
                .put("iceTransportPolicy", settings.iceServers().iceTransportPolicy());
        if (demoIms != null) {
            var users = settings.interworking().settings().users();
            if (users.equals(InterworkingConfig.demoUsers())) {
                users.values().stream().findFirst().ifPresent(u ->
                        json.put("demoUser", u.name()).put("demoPassword", u.password()));
            }
            var targets = json.putArray("targets");
            demoIms.users().forEach(u -> targets.addObject().put("uri", u.uri()).put("label", u.label()));
        }
        return json.toString() + "\n";
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
        // the demo network's SIP stacks stop beside the gateway's, within the shutdown grace period
        Thread demoStop = null;
        if (demoIms != null) {
            demoStop = new Thread(demoIms::close, "demo-ims-stop");
            demoIms = null;
            demoStop.start();
        }
        sip.close();
        if (demoStop != null) {
            try {
                demoStop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
