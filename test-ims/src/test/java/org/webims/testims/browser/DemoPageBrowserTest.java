package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webims.testims.gateway.DefaultConfigGateway;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * The demo as a person uses it: the gateway with its default configuration, Chromium on its page
 * at /, the prefilled demo user registered with the Register button, then calls to the demo IMS
 * network's test users. What plays in the browser tells them apart: the announcement's 440 Hz
 * tone, and from the echo Chromium's own 400 Hz fake microphone beep coming back.
 */
class DemoPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static DefaultConfigGateway gateway;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        gateway = new DefaultConfigGateway();
        browser = new HeadlessChromium(gateway.pageUrl(), "window.webims && window.webims.ready");
        browser.evaluate("document.getElementById('registerButton').click()");
        JsonNode state = page(s -> !"pending".equals(s.path("registered").asText()));
        assertEquals("yes", state.path("registered").asText(), "the prefilled demo user registers: " + state);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static JsonNode page(Predicate<JsonNode> done) throws Exception {
        return browser.pollJson("webims.inbound()", done, WAIT);
    }

    private static JsonNode playing(double hz) throws Exception {
        // the analyser's bins are 48000/2048 ≈ 23 Hz wide
        return page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.05
                && Math.abs(s.path("dominantHz").asDouble() - hz) < 30);
    }

    private static void hangUp() throws Exception {
        browser.evaluate("document.getElementById('hangupButton').click()");
        JsonNode s = page(x -> "ended".equals(x.path("call").asText()));
        assertEquals("ended", s.path("call").asText(), s.toString());
    }

    @Test
    void announcementCalledWithTheButtonsPlaysItsToneInTheBrowser() throws Exception {
        browser.evaluate("document.getElementById('target').value = 'sip:announcement@" + DefaultConfigGateway.DOMAIN
                + "'; document.getElementById('audioCallButton').click()");
        JsonNode s = playing(440);
        assertEquals(440, s.path("dominantHz").asDouble(), 30, "the announcement's tone plays: " + s);
        hangUp();
    }

    @Test
    void videoCallToTheAudioOnlyAnnouncementConnectsWithAudio() throws Exception {
        browser.evaluate("document.getElementById('target').value = 'sip:announcement@" + DefaultConfigGateway.DOMAIN
                + "'; document.getElementById('videoCallButton').click()");
        JsonNode s = playing(440);
        assertEquals(440, s.path("dominantHz").asDouble(), 30, "the announcement's tone plays: " + s);
        hangUp();
    }

    @Test
    void echoSendsTheBrowsersCameraBackOnAVideoCall() throws Exception {
        browser.call("webims.call", "sip:echo@" + DefaultConfigGateway.DOMAIN, true, JsSipBed.UNPROCESSED_AUDIO);
        JsonNode s = page(x -> "confirmed".equals(x.path("call").asText()) && x.path("videoFrames").asLong() >= 25);
        assertTrue(s.path("videoFrames").asLong() >= 25, "the echoed camera plays: " + s);
        assertEquals(640, s.path("videoWidth").asInt(), "the fake camera's size comes back: " + s);
        assertEquals(480, s.path("videoHeight").asInt(), s.toString());
        hangUp();
    }

    @Test
    void echoSendsTheBrowsersOwnBeepBack() throws Exception {
        browser.call("webims.call", "sip:echo@" + DefaultConfigGateway.DOMAIN, false, JsSipBed.UNPROCESSED_AUDIO);
        JsonNode s = playing(400);
        assertEquals(400, s.path("dominantHz").asDouble(), 30, "the beep comes back from the echo: " + s);
        hangUp();
    }
}
