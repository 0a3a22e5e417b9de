package org.webims.interworking;

import org.webims.sip.stack.timer.TimerT1;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.webims.ims.profile.CarrierProfile;
import org.webims.ims.profile.CarrierProfileReader;
import org.webims.interworking.peers.Digest;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebSocketSipPeer;
import org.webims.interworking.registrar.Registrations;
import org.webims.sip.container.deploy.DeployedApplication;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.inprocess.InProcessMediaControl;
import org.webims.interworking.settings.InterworkingSettings;
import org.webims.interworking.settings.StaticSettings;
import org.webims.interworking.settings.WebUser;
import org.webims.media.node.MediaNode;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transport.PortRange;
import org.webims.sip.container.SipContainer;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.UnusedPorts;
import org.webims.sip.stack.inbound.InboundLimits;
import org.webims.sip.stack.inbound.WebSocketOrigins;

/**
 * The interworking application deployed as the gateway deploys it: our container with WS and UDP
 * listeners, a media node with the transcoding adapters, the in-process media control and the
 * settings shared as context attributes.
 */
public final class InterworkingTestSupport implements AutoCloseable {
    public static final String DOMAIN = "ims.test";
    public static final String ALLOWED_ORIGIN = "https://phone.ims.test";
    public static final String INSTANCE = "<urn:uuid:00000000-0000-4000-8000-00000000a11c>";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    public static final WebUser ALICE = new WebUser("alice", "alice-secret", "sip:+4930111@ims.test");
    /** A web user who never registers in these tests. */
    public static final WebUser BOB = new WebUser("bob", "bob-secret", "sip:+4930222@ims.test");

    final SipContainer container;
    final MediaNode media;
    final CodecFormatAdapterFactory adapters;
    final InProcessMediaControl mediaControl;
    final int wsPort;
    final int udpPort;
    private final DeployedApplication app;

    private InterworkingTestSupport(SipContainer container, MediaNode media, CodecFormatAdapterFactory adapters,
                                InProcessMediaControl mediaControl, int wsPort, int udpPort, DeployedApplication app) {
        this.app = app;
        this.container = container;
        this.media = media;
        this.adapters = adapters;
        this.mediaControl = mediaControl;
        this.wsPort = wsPort;
        this.udpPort = udpPort;
    }

    /** The shipped plain VoLTE carrier profile, as a test's network: its domain ours. */
    public static final Path SHIPPED_PROFILE = Path.of("../conf/profiles/volte-plain.xml");

    /** The shipped strict profile: preconditions and 100rel required, an untrusted edge, both legs recorded. */
    public static final Path SHIPPED_STRICT_PROFILE = Path.of("../conf/profiles/volte-strict.xml");

    /**
     * As {@link #startWithProfile}, with the carrier profile read from {@code shippedProfile} (its
     * IMS domain made ours) after {@code profileEdit} changed its text.
     */
    public static InterworkingTestSupport startWithProfileFile(Path dir, Path shippedProfile, Optional<String> imsNextHop,
                                                               Duration nonceLifetime,
                                                               java.util.function.UnaryOperator<String> profileEdit)
            throws Exception {
        return start(dir, imsNextHop, nonceLifetime, null, shippedProfile, profileEdit, TimerT1.DEFAULT);
    }

    /** Starts on free ports; tries again when another process took a port between probe and bind. */
    public static InterworkingTestSupport start(Path dir, Optional<String> imsNextHop, Duration nonceLifetime) throws Exception {
        return start(dir, imsNextHop, nonceLifetime, TimerT1.DEFAULT);
    }

    /** The T1 the test {@code info} names asks for with {@link ContainerT1}, or the default 500 ms. */
    public static TimerT1 t1For(org.junit.jupiter.api.TestInfo info) {
        return info.getTestMethod().map(m -> m.getAnnotation(ContainerT1.class))
                .map(asked -> TimerT1.ofMillis(asked.value())).orElse(TimerT1.DEFAULT);
    }

    /** As {@link #start(Path, Optional, Duration)}, the container's timers on {@code t1} (RFC 3261 §17.1.1.1). */
    public static InterworkingTestSupport start(Path dir, Optional<String> imsNextHop, Duration nonceLifetime, TimerT1 t1)
            throws Exception {
        return start(dir, imsNextHop, nonceLifetime, null, SHIPPED_PROFILE, java.util.function.UnaryOperator.identity(), t1);
    }

    /** As {@link #start(Path, Optional, Duration)}, the application given {@code sharedMedia} instead of the in-process control. */
    public static InterworkingTestSupport start(Path dir, Optional<String> imsNextHop, Duration nonceLifetime,
                                                MediaControl sharedMedia) throws Exception {
        return start(dir, imsNextHop, nonceLifetime, sharedMedia, SHIPPED_PROFILE, java.util.function.UnaryOperator.identity(),
                TimerT1.DEFAULT);
    }

    /**
     * As {@link #start(Path, Optional, Duration)}, with the carrier profile read from the shipped
     * plain VoLTE profile after {@code profileEdit} changed its text.
     */
    public static InterworkingTestSupport startWithProfile(Path dir, Optional<String> imsNextHop, Duration nonceLifetime,
                                                           java.util.function.UnaryOperator<String> profileEdit)
            throws Exception {
        return start(dir, imsNextHop, nonceLifetime, null, SHIPPED_PROFILE, profileEdit, TimerT1.DEFAULT);
    }

    private static InterworkingTestSupport start(Path dir, Optional<String> imsNextHop, Duration nonceLifetime,
                                                 MediaControl sharedMedia, Path shippedProfile,
                                                 java.util.function.UnaryOperator<String> profileEdit, TimerT1 t1)
            throws Exception {
        java.nio.file.Files.createDirectories(dir);
        Path profileFile = dir.resolve("carrier-profile.xml");
        java.nio.file.Files.writeString(profileFile, profileEdit.apply(java.nio.file.Files.readString(shippedProfile)
                .replace("ims.example.com", DOMAIN).replace("ims.example.net", DOMAIN)
                .replaceFirst("realm=\"[^\"]*\"", "realm=\"" + DOMAIN + "\""))); // the tests' digest realm is their domain
        CarrierProfile profile = new CarrierProfileReader().read(profileFile);
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dir.resolve("try" + attempt), imsNextHop, nonceLifetime, sharedMedia, profile, t1);
            } catch (org.webims.sip.stack.SipStackStartException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static InterworkingTestSupport startOnce(Path dir, Optional<String> imsNextHop, Duration nonceLifetime,
                                                     MediaControl sharedMedia, CarrierProfile profile, TimerT1 t1)
            throws Exception {
        int ws = freePort();
        int udp = freePort();
        SipContainer container = new SipContainer(new SipStackSettings("interworking-test", List.of(
                new ListenAddress(SipTransport.WS, "127.0.0.1", ws),
                new ListenAddress(SipTransport.UDP, "127.0.0.1", udp)), InboundLimits.withDefaults(65536), null,
                new WebSocketOrigins(List.of(ALLOWED_ORIGIN)), t1), capabilities());
        CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
        int start = UnusedPorts.shared().range(100);
        MediaNode node = MediaNode.start(MediaNodeSettings.loopback(new PortRange(start, start + 99)), adapters);
        InProcessMediaControl control = new InProcessMediaControl(node);
        StaticSettings profiled = StaticSettings.of(DOMAIN, Map.of(ALICE.name(), ALICE, BOB.name(), BOB), imsNextHop, profile);
        InterworkingSettings settings = profiled.webAuthentication() instanceof org.webims.ims.profile.WebAuthentication.Digest
                ? profiled.withNonceLifetime(nonceLifetime) : profiled;
        container.setSharedAttribute(MediaControl.ATTRIBUTE, sharedMedia == null ? control : sharedMedia);
        container.setSharedAttribute(InterworkingSettings.ATTRIBUTE, settings);
        try {
            container.start();
        } catch (org.webims.sip.stack.SipStackStartException e) {
            container.close();
            control.close();
            node.close();
            adapters.close();
            throw e;
        }
        DeployedApplication app = container.deploy(InterworkingApplication.writeFolder(dir));
        return new InterworkingTestSupport(container, node, adapters, control, ws, udp, app);
    }

    /** The media node's live pipelines: one per call in progress. */
    public java.util.Collection<org.webims.media.pipeline.MediaPipeline> pipelines() {
        return media.engine().pipelines();
    }

    /** The in-process media control over this support's node (what a shared control may delegate to). */
    public InProcessMediaControl inProcessMediaControl() {
        return mediaControl;
    }

    public MediaNode mediaNode() {
        return media;
    }

    /** The container's UDP port: where the S-CSCF sends ISC requests (the AS URI's port). */
    public int udpPort() {
        return udpPort;
    }

    public int wsPort() {
        return wsPort;
    }

    public WebSocketSipPeer webPeer() throws Exception {
        return new WebSocketSipPeer(wsPort, ALLOWED_ORIGIN);
    }

    public Registrations registrations() {
        return (Registrations) app.servletContext().getAttribute(InterworkingServlet.REGISTRATIONS);
    }

    /** A REGISTER as JsSIP writes one (RFC 7118 §5: .invalid Via and Contact hosts). */
    public static String register(String user, String callId, int cseq, String instance, int expires, String authorization) {
        long n = SEQUENCE.incrementAndGet();
        return "REGISTER sip:" + DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + WebSocketSipPeer.INVALID_HOST + ";branch=z9hG4bKreg" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:" + user + "@" + DOMAIN + ">\r\n"
                + "From: <sip:" + user + "@" + DOMAIN + ">;tag=reg" + n + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "x@" + WebSocketSipPeer.INVALID_HOST + ";transport=ws>"
                + (instance == null ? "" : ";+sip.instance=\"" + instance + "\";reg-id=1") + ";expires=" + expires + "\r\n"
                + "Supported: path, outbound, gruu\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends an unauthenticated REGISTER and returns the nonce of the 401's challenge. */
    public String challengeNonce(WebSocketSipPeer web) throws Exception {
        web.send(register("alice", UUID.randomUUID().toString(), 1, null, 600, null));
        SipText challenge = web.next("REGISTER", 200, WAIT);
        if (challenge.status() != 401) {
            throw new AssertionError("expected a 401 challenge, got " + challenge.startLine());
        }
        return SipText.param(challenge.header("WWW-Authenticate"), "nonce");
    }

    /** Registers alice on {@code web} (challenge, then credentials) and checks the 200. */
    public void registerAlice(WebSocketSipPeer web) throws Exception {
        registerAlice(web, INSTANCE);
    }

    /** As {@link #registerAlice(WebSocketSipPeer)}, as the user agent {@code instance} (another tab or device: another binding). */
    public void registerAlice(WebSocketSipPeer web, String instance) throws Exception {
        String callId = UUID.randomUUID().toString();
        String nonce = challengeNonce(web);
        String auth = Digest.authorization(ALICE.name(), ALICE.password(), DOMAIN, nonce, "REGISTER", "sip:" + DOMAIN, 1,
                "r" + SEQUENCE.incrementAndGet());
        web.send(register("alice", callId, 2, instance, 600, auth));
        SipText ok = web.next("REGISTER", 200, WAIT);
        if (ok.status() != 200) {
            throw new AssertionError("registration failed: " + ok.startLine());
        }
    }

    /** The container's defaults with the option tags the application handles itself, as the gateway deploys it. */
    static org.webims.sip.container.ContainerCapabilities capabilities() {
        org.webims.sip.container.ContainerCapabilities defaults = org.webims.sip.container.ContainerCapabilities.defaults();
        List<String> supported = new java.util.ArrayList<>(defaults.supported());
        supported.addAll(InterworkingApplication.OPTION_TAGS);
        return new org.webims.sip.container.ContainerCapabilities(defaults.allow(), defaults.accept(), supported);
    }

    /** A loopback port no other helper of this JVM hands out ({@link UnusedPorts#shared}, decision 0090). */
    static int freePort() {
        return UnusedPorts.shared().next();
    }

    @Override
    public void close() {
        container.close();
        mediaControl.close();
        media.close();
        adapters.close();
    }
}
