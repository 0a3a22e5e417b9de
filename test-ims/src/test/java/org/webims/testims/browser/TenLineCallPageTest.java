package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webims.testims.gateway.DefaultConfigGateway;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * {@code /call.html}, the page a web developer would write: stock JsSIP and ten lines of script. It
 * must work as served, against the gateway's default configuration, and stay ten lines.
 */
class TenLineCallPageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static DefaultConfigGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new DefaultConfigGateway();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String page() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.pageUrl() + "call.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("text/html", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        return r.body();
    }

    @Test
    void theCallPagesOwnScriptIsAtMostTenLines() throws Exception {
        Matcher m = Pattern.compile("<script type=\"module\">(.*?)</script>", Pattern.DOTALL).matcher(page());
        assertTrue(m.find(), "the page has its inline script");
        long lines = m.group(1).lines().filter(l -> !l.isBlank()).count();
        assertTrue(lines <= 10 && lines > 0, "ten lines or fewer, not " + lines);
    }

    @Test
    void theCallPageCallsTheAnnouncementAndItsTonePlays() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        String url = gateway.pageUrl() + "call.html?to=sip:announcement@" + DefaultConfigGateway.DOMAIN;
        try (HeadlessChromium browser = new HeadlessChromium(url,
                "window.call && window.call.isEstablished() && !!document.getElementById('remote').srcObject")) {
            // What plays, as a person would hear it: the loudest frequency of each loud 50 ms window
            // (getStats' audio energy stays 0 in headless Chromium).
            browser.evaluate("""
                    (() => { const ctx = new AudioContext(); const a = ctx.createAnalyser(); a.fftSize = 2048;
                      ctx.createMediaStreamSource(document.getElementById('remote').srcObject).connect(a); ctx.resume();
                      window.heard = {};
                      setInterval(() => {
                        const buf = new Float32Array(a.fftSize); a.getFloatTimeDomainData(buf);
                        let peak = 0; for (const v of buf) peak = Math.max(peak, Math.abs(v));
                        if (peak <= 0.05) return;
                        const s = new Float32Array(a.frequencyBinCount); a.getFloatFrequencyData(s);
                        let l = 0; for (let i = 1; i < s.length; i++) if (s[i] > s[l]) l = i;
                        const hz = Math.round(l * ctx.sampleRate / a.fftSize); heard[hz] = (heard[hz] || 0) + 1;
                      }, 50);
                      return true; })()""");
            JsonNode heard = browser.pollJson("JSON.stringify(window.heard)", h -> timesNear(h, 440) >= 3, WAIT);
            assertTrue(timesNear(heard, 440) >= 3, "the announcement's 440 Hz tone plays: " + heard);
            browser.evaluate("window.call.terminate(), true");
            JsonNode ended = browser.pollJson("JSON.stringify({ended: window.call.isEnded()})",
                    s -> s.path("ended").asBoolean(), WAIT);
            assertTrue(ended.path("ended").asBoolean(), "the call ends from the page");
        }
    }

    /** Loud windows whose loudest frequency was within 30 Hz of hz (the analyser's bins are 21.5-23.4 Hz wide). */
    private static int timesNear(JsonNode heard, double hz) {
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = heard.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Math.abs(Double.parseDouble(e.getKey()) - hz) < 30) {
                n += e.getValue().asInt();
            }
        }
        return n;
    }
}
