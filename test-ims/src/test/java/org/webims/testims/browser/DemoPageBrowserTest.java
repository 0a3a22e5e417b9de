package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
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
    private static final int TIMES_HEARD = 3;
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

    /**
     * The page's state once {@code hz} has been the loudest frequency of at least {@link #TIMES_HEARD}
     * of its 50 ms analyses. Not its latest one: a beep's onset thumps at low frequencies, so the
     * latest loud window may be the thump, and a 200 ms poll can keep landing on it.
     */
    private static JsonNode hearing(double hz) throws Exception {
        return page(s -> "confirmed".equals(s.path("call").asText()) && timesHeard(s, hz) >= TIMES_HEARD);
    }

    /** Loud analyses whose loudest frequency was within 30 Hz of hz (the analyser's bins are 21.5-23.4 Hz wide). */
    private static int timesHeard(JsonNode s, double hz) {
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("tones").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tone = it.next();
            if (Math.abs(Double.parseDouble(tone.getKey()) - hz) < 30) {
                n += tone.getValue().asInt();
            }
        }
        return n;
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
        JsonNode s = hearing(440);
        assertTrue(timesHeard(s, 440) >= TIMES_HEARD, "the announcement's tone plays: " + s);
        hangUp();
    }

    @Test
    void videoCallToTheAudioOnlyAnnouncementConnectsWithAudio() throws Exception {
        browser.evaluate("document.getElementById('target').value = 'sip:announcement@" + DefaultConfigGateway.DOMAIN
                + "'; document.getElementById('videoCallButton').click()");
        JsonNode s = hearing(440);
        assertTrue(timesHeard(s, 440) >= TIMES_HEARD, "the announcement's tone plays: " + s);
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
        JsonNode s = hearing(400);
        assertTrue(timesHeard(s, 400) >= TIMES_HEARD, "the beep comes back from the echo: " + s);
        hangUp();
    }
}
