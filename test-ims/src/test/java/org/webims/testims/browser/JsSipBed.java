package org.webims.testims.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.core.TestImsCore;
import org.webims.testims.core.hss.HssProfileParser;
import org.webims.testims.net.FreePorts;
import org.webims.testims.ua.ImsIdentity;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * The whole chain on loopback for browser end-to-end tests: a test IMS core (P-/S-CSCF, HSS
 * file) with registered IMS UAs, the gateway in this JVM with the interworking application
 * routing web calls to the S-CSCF, and headless Chromium on the gateway's own demo page (stock
 * JsSIP from the npm registry, fake camera and microphone).
 */
final class JsSipBed implements AutoCloseable {
    static final String DOMAIN = "ims.test";
    static final String WEB_USER = "alice";
    static final String WEB_PASSWORD = "alice-secret";
    static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * getUserMedia audio constraints for tests that look for the fake microphone's beep: it is a
     * stationary signal that Chromium's noise suppression and gain control fade out.
     */
    static final Map<String, Boolean> UNPROCESSED_AUDIO = Map.of("echoCancellation", false,
            "noiseSuppression", false, "autoGainControl", false);

    private final TestImsCore core;
    private final Gateway gateway;
    private final List<ImsUserAgent> agents = new ArrayList<>();
    private final int wsPort;
    private HeadlessChromium chromium;

    JsSipBed(Path dir, String... imsUsers) throws Exception {
        StringBuilder hss = new StringBuilder("<hss domain=\"" + DOMAIN + "\">\n");
        for (String user : imsUsers) {
            hss.append("  <subscriber impi=\"").append(user).append('@').append(DOMAIN).append("\" password=\"")
                    .append(user).append("-secret\">\n    <service-profile>\n      <public-identity>sip:")
                    .append(user).append('@').append(DOMAIN).append("</public-identity>\n    </service-profile>\n")
                    .append("  </subscriber>\n");
        }
        Path hssFile = Files.writeString(dir.resolve("hss.xml"), hss.append("</hss>\n"));
        core = new TestImsCore(HssProfileParser.parse(hssFile), "127.0.0.1", FreePorts.tcpAndUdp(),
                FreePorts.tcpAndUdp(), Duration.ofSeconds(2));
        Gateway started = null;
        try {
            Path users = Files.writeString(dir.resolve("users"),
                    WEB_USER + " " + WEB_PASSWORD + " sip:+4930111@" + DOMAIN + "\n");
            int sip = FreePorts.tcpAndUdp();
            wsPort = FreePorts.tcpAndUdp();
            int media = mediaRangeStart();
            started = Gateway.start(GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                    "--sip.udp.listen=127.0.0.1:" + sip, "--sip.tcp.listen=127.0.0.1:" + sip,
                    "--sip.ws.listen=127.0.0.1:" + wsPort, "--http.listen=127.0.0.1:" + FreePorts.tcpAndUdp(),
                    "--kurento.listen=off", "--demo.ims=off", "--media.ports=" + media + "-" + (media + 199),
                    "--interworking.domain=" + DOMAIN, "--interworking.users=" + users,
                    "--interworking.ims-next-hop=" + core.scscfUri()))));
        } catch (Exception e) {
            core.close();
            throw e;
        }
        gateway = started;
    }

    /** A free-looking even start for the gateway's media ports (its allocator skips ports in use). */
    private static int mediaRangeStart() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1, 65000);
        }
    }

    /** Starts an IMS UA for {@code user} and registers it through the P-CSCF. */
    ImsUserAgent imsUser(String user, ImsUaOptions options) throws Exception {
        ImsUserAgent ua = new ImsUserAgent(new ImsIdentity("sip:" + user + "@" + DOMAIN, user + "@" + DOMAIN,
                user + "-secret", DOMAIN), core.pcscfUri(), options);
        agents.add(ua);
        int status = ua.register(3600, WAIT).getStatusCode();
        if (status != 200) {
            throw new IllegalStateException("IMS user " + user + " could not register: " + status);
        }
        return ua;
    }

    /** Chromium on the gateway's demo page, the web user registered over the SIP WebSocket. */
    HeadlessChromium registeredBrowser() throws Exception {
        int http = gateway.settings().http().port();
        chromium = new HeadlessChromium("http://127.0.0.1:" + http + "/", "window.webims && window.webims.ready");
        chromium.call("webims.register", WEB_USER, WEB_PASSWORD, DOMAIN, "ws://127.0.0.1:" + wsPort);
        JsonNode state = page(s -> !"pending".equals(s.path("registered").asText()));
        if (!"yes".equals(state.path("registered").asText())) {
            throw new IllegalStateException("JsSIP did not register: " + state + "\n" + chromium.log());
        }
        return chromium;
    }

    /** Polls the page's {@code webims.inbound()} until {@code done}; the last state either way. */
    JsonNode page(Predicate<JsonNode> done) throws Exception {
        return chromium.pollJson("webims.inbound()", done, WAIT);
    }

    /** Waits until the gateway's media node has no pipeline left (every call's media released). */
    boolean mediaReleased() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!gateway.media().engine().pipelines().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Override
    public void close() {
        if (chromium != null) {
            chromium.close();
        }
        agents.forEach(ImsUserAgent::close);
        gateway.close();
        core.close();
    }
}
