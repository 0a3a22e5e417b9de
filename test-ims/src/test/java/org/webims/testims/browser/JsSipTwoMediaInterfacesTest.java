package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * A gateway between two networks (decision 0074): media.web.bind-address 127.0.0.1 for browsers,
 * media.ims.bind-address 127.0.0.2 for the IMS core (every 127/8 address is local on Linux). Stock
 * JsSIP in headless Chromium calls an IMS UA: the browser's ICE pair ends on the web address, the
 * INVITE to the core names the IMS address, and the UA's tone, sent there, plays in the browser.
 */
class JsSipTwoMediaInterfacesTest {

    @TempDir
    static Path dir;
    private static JsSipBed bed;
    private static ImsUserAgent bob;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        bed = new JsSipBed(dir, List.of("--media.web.bind-address=127.0.0.1", "--media.ims.bind-address=127.0.0.2"),
                "bob");
        bob = bed.imsUser("bob", ImsUaOptions.defaults());
        browser = bed.registeredBrowser();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void theBrowsersMediaMeetsTheWebAddressAndTheImsUasTheImsAddress() throws Exception {
        browser.call("webims.call", "sip:bob@" + JsSipBed.DOMAIN, false, JsSipBed.UNPROCESSED_AUDIO);
        ImsCall call = bob.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        assertTrue(call.remoteSdp().contains("c=IN IP4 127.0.0.2\r\n"),
                "the offer to the IMS core names the IMS side's address:\n" + call.remoteSdp());
        call.awaitAck(JsSipBed.WAIT);
        call.media().start(new ToneSource(1000, -6, 16000));

        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1);
        assertTrue(page.path("peak").asDouble() > 0.1, "the UA's tone, sent to 127.0.0.2, plays in the browser: " + page);
        JsonNode pair = bed.browserSelectedPair();
        assertTrue(pair.path("remote").asText().startsWith("127.0.0.1:"), "the browser's pair ends on the web address: " + pair);
        assertTrue(pair.path("bytesReceived").asLong() > 0, pair.toString());

        browser.call("webims.hangup");
        call.awaitEnded(JsSipBed.WAIT);
        assertTrue(bed.mediaReleased(), "the gateway released the call's media pipeline");
    }
}
