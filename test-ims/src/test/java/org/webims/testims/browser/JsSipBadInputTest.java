package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * Bad input from a real browser (Debian's headless Chromium running JsSIP on the demo page) gets a
 * clear answer and leaves nothing behind: an offer with no codec in common gets 488 with a
 * Warning (RFC 3261 §21.4.26, §20.43) and the IMS user is never called; a wrong password is
 * challenged, then refused with 403; a page from an origin the gateway does not list cannot
 * open the SIP WebSocket (RFC 6455 §10.2, RFC 7118 §5).
 */
class JsSipBadInputTest {
    @TempDir
    Path dir;

    @Test
    void offerWithNoCodecInCommonGets488WithAWarningAndLeavesNothing() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        try (JsSipBed bed = new JsSipBed(dir, "bob")) {
            ImsUserAgent bob = bed.imsUser("bob", ImsUaOptions.defaults());
            bed.registeredBrowser();
            CallLeakCheck leaks = new CallLeakCheck(bed);
            leaks.before();
            bed.browserCallsOfferingNoKnownCodec("sip:bob@" + JsSipBed.DOMAIN);
            bed.session(s -> s.path("status").asInt() != 0);
            JsonNode failed = bed.browserCallFailure();
            assertEquals(488, failed.path("status").asInt(), failed.toString());
            // RFC 3261 §20.43: warn-code 305 "Incompatible media format", the agent and why
            assertTrue(failed.path("warning").asText().matches("305 .+ \".+\""), failed.toString());
            assertTrue(bob.receivedRequests("INVITE").isEmpty(), "no INVITE reached the IMS user");
            leaks.after();
        }
    }

    @Test
    void wrongPasswordIsChallengedThenRefusedWith403() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        try (JsSipBed bed = new JsSipBed(dir)) {
            bed.browser();
            bed.browserRegisters("not-" + JsSipBed.WEB_PASSWORD);
            JsonNode state = bed.page(s -> !"pending".equals(s.path("registered").asText()));
            // JsSIP sends credentials only in answer to the 401; the gateway refuses wrong ones with
            // 403, which JsSIP reports as Rejected (a second 401 would be its Authentication Error)
            assertEquals("failed: Rejected", state.path("registered").asText(), state.toString());
            assertTrue(bed.browserConnected(), "the WebSocket itself was accepted");
        }
    }

    @Test
    void pageFromAnOriginTheGatewayDoesNotListCannotOpenTheSipWebSocket() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        try (JsSipBed bed = new JsSipBed(dir, List.of("--sip.ws.allowed-origins=https://phone.carrier.example"))) {
            bed.browser(); // the page's origin is http://127.0.0.1:PORT
            bed.browserRegisters(JsSipBed.WEB_PASSWORD);
            assertTrue(JsSipBed.eventually(() -> failures(bed) >= 2), "JsSIP's connection attempts failed");
            assertFalse(bed.browserConnected());
            assertEquals("pending", bed.page(s -> true).path("registered").asText(), "no REGISTER got through");
        }
    }

    private static int failures(JsSipBed bed) {
        try {
            return bed.browserWebSocketFailures();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
