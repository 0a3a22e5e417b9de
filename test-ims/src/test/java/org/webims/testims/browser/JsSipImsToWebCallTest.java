package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.sdp.Direction;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.ReceivedAudio;
import org.webims.testims.ua.media.ToneSource;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * IMS -> web with a real browser: an IMS UA calls the web user's IMPU; the S-CSCF finds no
 * registration for it but the iFC of the HSS file (terminating session case) sends the INVITE
 * over ISC to the gateway, which rings stock JsSIP in headless Chromium on its SIP WebSocket.
 * The page answers; media flows both ways (the UA's 1 kHz AMR-WB tone plays in the browser as
 * Opus, Chromium's fake microphone beep reaches the UA as AMR-WB). After each call the gateway
 * is back to its idle state ({@link CallLeakCheck}).
 */
class JsSipImsToWebCallTest {
    private static final double UA_TONE_HZ = 1000;

    @TempDir
    static Path dir;
    private static JsSipBed bed;
    private static ImsUserAgent bob;
    private static HeadlessChromium browser;
    private static CallLeakCheck leaks;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        bed = new JsSipBed(dir, "bob");
        bob = bed.imsUser("bob", ImsUaOptions.defaults());
        browser = bed.registeredBrowser();
        leaks = new CallLeakCheck(bed);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @BeforeEach
    void idleBefore() throws Exception {
        leaks.before();
    }

    @AfterEach
    void gatewayBackToIdleAfterTheCall() throws Exception {
        leaks.after();
    }

    /** Bob calls the web user; the page answers; both media directions checked. */
    private ImsCall answeredCallFromBob() throws Exception {
        ImsCall call = bob.call(JsSipBed.WEB_IMPU);
        JsonNode ringing = bed.page(s -> "incoming".equals(s.path("call").asText()));
        assertEquals("incoming", ringing.path("call").asText(), "the iFC routed the INVITE to the browser: " + ringing
                + "\nbob received " + bob.received());
        assertTrue(ringing.path("from").asText().contains("sip:bob@" + JsSipBed.DOMAIN), ringing.toString());
        browser.call("webims.answer", false, JsSipBed.UNPROCESSED_AUDIO);
        assertEquals(200, call.awaitFinalResponse(JsSipBed.WAIT).getStatusCode(), call.inviteStatuses().toString());
        assertTrue(call.remoteSdp().contains("AMR-WB/16000"), call.remoteSdp());
        call.media().start(new ToneSource(UA_TONE_HZ, -6, Beep.RATE));
        return call;
    }

    private static void uaTonePlaysInTheBrowser() throws Exception {
        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1
                && s.path("audioEnergy").asDouble() > 0 && Math.abs(s.path("dominantHz").asDouble() - UA_TONE_HZ) < 50);
        assertTrue(page.path("audioPackets").asLong() > 0 && page.path("audioEnergy").asDouble() > 0
                && page.path("peak").asDouble() > 0.1, "the UA's AMR-WB, transcoded to Opus, plays in the browser: " + page);
        // the analyser's bins are 48000/2048 ≈ 23 Hz wide
        assertEquals(UA_TONE_HZ, page.path("dominantHz").asDouble(), 50, "the UA's 1 kHz tone is what plays: " + page);
    }

    /** Beeps in what the UA decodes from sample {@code from} on: the browser's microphone reaches it. */
    private static void beepsReachTheUa(ImsCall call, int from) throws InterruptedException {
        ReceivedAudio received = call.media().receivedAudio();
        assertTrue(JsSipBed.eventually(() -> Beep.count(tail(received.samples(), from), 5000) >= 3),
                "Chromium's 400 Hz beep is in the AMR-WB the UA decoded after sample " + from + ": "
                        + Beep.count(tail(received.samples(), from), 5000) + " beeps");
    }

    private static short[] tail(short[] pcm, int from) {
        return Arrays.copyOfRange(pcm, Math.min(from, pcm.length), pcm.length);
    }

    @Test
    void imsCallRoutedByTheIfcIsAnsweredInJsSipWithMediaBothWaysAndTheBrowserHangsUp() throws Exception {
        ImsCall call = answeredCallFromBob();
        uaTonePlaysInTheBrowser();
        beepsReachTheUa(call, 0);
        assertEquals("audio/opus", bed.page(s -> true).path("audioCodec").asText().toLowerCase());
        leaks.seesTheCallUp();

        browser.call("webims.hangup");
        call.awaitEnded(JsSipBed.WAIT); // the gateway's BYE reached bob
        String callId = call.invite().getHeader("Call-ID").toString();
        assertEquals(1, bob.receivedRequests(Request.BYE).stream()
                .filter(r -> r.getHeader("Call-ID").toString().equals(callId)).count(), "bob got one BYE for the call");
        assertEquals("ended", bed.page(s -> "ended".equals(s.path("call").asText())).path("call").asText());
    }

    @Test
    void imsUaHoldsAndResumesWithReInviteJsSipSeesRemoteHoldThenTheImsUaHangsUp() throws Exception {
        ImsCall call = answeredCallFromBob();
        uaTonePlaysInTheBrowser();

        // RFC 3264 §8.4: sendonly puts the browser on hold; JsSIP answers recvonly
        assertEquals(200, call.reInvite(Direction.SENDONLY, JsSipBed.WAIT).getStatusCode());
        assertTrue(call.remoteSdp().contains("a=recvonly") || call.remoteSdp().contains("a=inactive"),
                "the browser's answer, as MTSI, receives only: " + call.remoteSdp());
        JsonNode held = bed.session(s -> s.path("remoteHold").asBoolean());
        assertTrue(held.path("remoteHold").asBoolean(), "JsSIP sees the remote hold: " + held);
        assertEquals("confirmed", held.path("call").asText(), held.toString());

        int resumedAt = call.media().receivedAudio().samples().length;
        assertEquals(200, call.reInvite(Direction.SENDRECV, JsSipBed.WAIT).getStatusCode());
        assertTrue(!call.remoteSdp().contains("a=recvonly") && !call.remoteSdp().contains("a=inactive")
                && !call.remoteSdp().contains("a=sendonly"), "sendrecv again: " + call.remoteSdp());
        JsonNode resumed = bed.session(s -> !s.path("remoteHold").asBoolean());
        assertTrue(!resumed.path("remoteHold").asBoolean(), "JsSIP sees the resume: " + resumed);
        bed.resetPeak();
        uaTonePlaysInTheBrowser();
        beepsReachTheUa(call, resumedAt); // JsSIP unmutes its microphone once no side holds

        assertEquals(200, call.hangUp(JsSipBed.WAIT).getStatusCode());
        JsonNode ended = bed.page(s -> "ended".equals(s.path("call").asText()));
        assertEquals("ended", ended.path("call").asText(), ended.toString());
        assertEquals("Terminated", ended.path("cause").asText(), "JsSIP ended by the BYE: " + ended);
    }
}
