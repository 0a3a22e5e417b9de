package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.ToneSource;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.iceservers.CoturnProcess;

/**
 * A carrier that wants every call's media through its TURN server (decision 0072): the gateway
 * hands the demo page a real coturn with TURN REST credentials and iceTransportPolicy "relay";
 * stock JsSIP in headless Chromium calls an IMS UA, and the call's media goes browser -> coturn ->
 * the gateway's WebRtcEndpoint and back, the UA's tone playing in the browser.
 */
class JsSipCallThroughTurnTest {
    private static final String SECRET = "the-carriers-turn-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static CoturnProcess coturn;
    private static JsSipBed bed;
    private static ImsUserAgent bob;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        assumeTrue(CoturnProcess.installed(), "needs Debian's coturn (bin/setup)");
        coturn = new CoturnProcess(SECRET);
        bed = new JsSipBed(dir, List.of("--webrtc.turn-urls=" + coturn.turnUrl(), "--webrtc.turn-secret=" + SECRET,
                "--webrtc.ice-transport-policy=relay"), "bob");
        bob = bed.imsUser("bob", ImsUaOptions.defaults());
        browser = bed.registeredBrowser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void aRelayOnlyCallsMediaGoesThroughTheCarriersTurnServer() throws Exception {
        JsonNode servers = JSON.readTree(browser.evaluateString("JSON.stringify(webims.state.iceServers)"));
        assertTrue(servers.path(0).path("username").asText().endsWith(":" + JsSipBed.WEB_USER),
                "the page fetched credentials for its user: " + servers);
        browser.call("webims.call", "sip:bob@" + JsSipBed.DOMAIN, false, JsSipBed.UNPROCESSED_AUDIO);
        ImsCall call = bob.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT);
        call.media().start(new ToneSource(1000, -6, 16000));

        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1);
        assertTrue(page.path("peak").asDouble() > 0.1, "the UA's tone plays in the browser: " + page);
        JsonNode pair = bed.browserSelectedPair();
        assertEquals("relay", pair.path("localType").asText(), "the browser's media goes through TURN: " + pair);
        int port = Integer.parseInt(pair.path("local").asText().replaceAll(".*:", ""));
        assertTrue(coturn.isRelayPort(port), "a relay port of our coturn: " + pair);
        assertTrue(pair.path("bytesReceived").asLong() > 0, pair.toString());

        browser.call("webims.hangup");
        call.awaitEnded(JsSipBed.WAIT);
        assertTrue(bed.mediaReleased(), "the gateway released the call's media pipeline");
    }
}
