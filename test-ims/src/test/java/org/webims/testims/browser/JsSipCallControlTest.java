package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.ToneSource;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * Web -> IMS call control with a real browser: stock JsSIP in headless Chromium holds and
 * resumes with its own hold()/unhold() (re-INVITEs the IMS UA sees as sendonly, then sendrecv),
 * cancels before the answer, and meets the IMS side's refusals (486, 480) with JsSIP's own
 * status and cause; the IMS UA hangs up. After each call the gateway is back to its idle state
 * ({@link CallLeakCheck}).
 */
class JsSipCallControlTest {
    private static final double UA_TONE_HZ = 1000;

    @TempDir
    static Path dir;
    private static JsSipBed bed;
    private static ImsUserAgent bob;
    private static ImsUserAgent carol;
    private static ImsUserAgent dave;
    private static ImsUserAgent erin;
    private static CallLeakCheck leaks;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        bed = new JsSipBed(dir, "bob", "carol", "dave", "erin");
        bob = bed.imsUser("bob", ImsUaOptions.defaults());
        carol = bed.imsUser("carol", ImsUaOptions.defaults().withAutoAnswer(false));
        dave = bed.imsUser("dave", ImsUaOptions.defaults().rejectingWith(486));
        erin = bed.imsUser("erin", ImsUaOptions.defaults().rejectingWith(480));
        bed.registeredBrowser();
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

    /** The re-INVITEs (with an offer) the UA has received on {@code call}'s dialog. */
    private static List<String> reInviteOffers(ImsUserAgent ua, ImsCall call) {
        String callId = call.invite().getHeader("Call-ID").toString();
        return ua.receivedRequests(Request.INVITE).stream()
                .filter(r -> r.getHeader("Call-ID").toString().equals(callId) && r.getRawContent() != null)
                .skip(1).map(r -> new String(r.getRawContent(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void browserHoldAndUnholdReachTheImsUaAsSendonlyThenSendrecvAndTheBeepComesBack() throws Exception {
        bed.browserCalls("sip:bob@" + JsSipBed.DOMAIN);
        ImsCall call = bob.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT);
        call.media().start(new ToneSource(UA_TONE_HZ, -6, Beep.RATE));
        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1);
        assertTrue(page.path("peak").asDouble() > 0.1, "the UA's tone plays before the hold: " + page);
        leaks.seesTheCallUp();

        bed.browserHolds();
        JsonNode held = bed.session(s -> s.path("holdDone").asBoolean() || !"confirmed".equals(s.path("call").asText()));
        assertTrue(held.path("holdDone").asBoolean() && held.path("localHold").asBoolean(),
                "JsSIP's hold re-INVITE succeeded: " + held);
        List<String> offers = reInviteOffers(bob, call);
        assertEquals(1, offers.size(), "one re-INVITE reached the IMS UA: " + offers);
        // RFC 3264 §8.4: the holder offers sendonly (inactive if it also stops sending)
        assertTrue(offers.get(0).contains("a=sendonly") || offers.get(0).contains("a=inactive"), offers.get(0));

        int resumedAt = call.media().receivedAudio().samples().length;
        bed.browserResumes();
        JsonNode resumed = bed.session(s -> s.path("unholdDone").asBoolean() || !"confirmed".equals(s.path("call").asText()));
        assertTrue(resumed.path("unholdDone").asBoolean() && !resumed.path("localHold").asBoolean(),
                "JsSIP's unhold re-INVITE succeeded: " + resumed);
        offers = reInviteOffers(bob, call);
        assertEquals(2, offers.size(), "a second re-INVITE reached the IMS UA: " + offers);
        assertTrue(!offers.get(1).contains("a=sendonly") && !offers.get(1).contains("a=inactive")
                && !offers.get(1).contains("a=recvonly"), "sendrecv again: " + offers.get(1));
        assertTrue(JsSipBed.eventually(() -> Beep.count(tail(call.media().receivedAudio().samples(), resumedAt), 5000) >= 3),
                "the browser's beep reaches the UA again after the resume");
        // Chromium's receiver stops while the browser holds (sendonly) and its inbound-rtp stats start
        // again on resume; headless Chromium's Web Audio then reads silence from the remote track (even
        // through a new AudioContext) while the receiver decodes it, so what plays again is judged by
        // getStats: packets and audio energy growing after the resume
        JsonNode atResume = bed.page(s -> true);
        page = bed.page(s -> s.path("audioPackets").asLong() >= atResume.path("audioPackets").asLong() + 50
                && s.path("audioEnergy").asDouble() > atResume.path("audioEnergy").asDouble());
        assertTrue(page.path("audioPackets").asLong() >= atResume.path("audioPackets").asLong() + 50
                && page.path("audioEnergy").asDouble() > atResume.path("audioEnergy").asDouble(),
                "the UA's audio plays in the browser again: " + atResume + " then " + page);

        assertEquals(200, call.hangUp(JsSipBed.WAIT).getStatusCode(), "the IMS UA's BYE is answered");
        JsonNode ended = bed.session(s -> "ended".equals(s.path("call").asText()));
        assertEquals("ended", ended.path("call").asText(), ended.toString());
        assertEquals("Terminated", ended.path("cause").asText(), "JsSIP ended by the BYE: " + ended);
    }

    @Test
    void dtmfFromJsSipOverInfoAndRfc4733ReachesTheImsUaAndTheImsUasDigitsReachJsSipAsInfo() throws Exception {
        bed.browserCalls("sip:bob@" + JsSipBed.DOMAIN);
        ImsCall call = bob.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT);
        call.media().start(new ToneSource(UA_TONE_HZ, -6, Beep.RATE));
        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("audioPackets").asLong() > 0);
        assertEquals("confirmed", page.path("call").asText(), page.toString());
        bed.browserListensForDtmf();

        // the gateway turns JsSIP's INFO into RFC 4733 on the IMS leg (TS 26.114 §6.2.3 telephone-event)
        bed.browserSendsDtmf("12", "INFO");
        assertTrue(JsSipBed.eventually(() -> call.media().receivedDtmf().equals("12")),
                "the INFO digits reach the UA as telephone-events: '" + call.media().receivedDtmf() + "'");
        // the browser's own telephone-events/48000 are relayed at the IMS leg's /16000
        bed.browserSendsDtmf("3#", "RFC2833");
        assertTrue(JsSipBed.eventually(() -> call.media().receivedDtmf().equals("123#")),
                "the browser's RFC 4733 digits reach the UA: '" + call.media().receivedDtmf() + "'");

        assertTrue(call.media().sendDtmf('9', 200) && call.media().sendDtmf('*', 200), "the UA negotiated telephone-event");
        assertTrue(JsSipBed.eventually(() -> {
            try {
                return bed.browserDtmfReceived().equals("9*");
            } catch (Exception e) {
                return false;
            }
        }), "the UA's digits reach JsSIP (newDTMF) as INFO: '" + bed.browserDtmfReceived() + "'");

        assertEquals(200, call.hangUp(JsSipBed.WAIT).getStatusCode(), "the IMS UA's BYE is answered");
        JsonNode ended = bed.session(s -> "ended".equals(s.path("call").asText()));
        assertEquals("ended", ended.path("call").asText(), ended.toString());
    }

    private static short[] tail(short[] pcm, int from) {
        return Arrays.copyOfRange(pcm, Math.min(from, pcm.length), pcm.length);
    }

    @Test
    void jsSipCancelsWhileTheImsUaRingsAndTheImsUaGetsCancel() throws Exception {
        bed.browserCalls("sip:carol@" + JsSipBed.DOMAIN);
        ImsCall call = carol.awaitIncomingCall(JsSipBed.WAIT); // it has rung (180) and waits for an answer
        assertNotNull(call, "the IMS UA got no INVITE");
        JsonNode ringing = bed.session(s -> "ringing".equals(s.path("call").asText()));
        assertEquals("ringing", ringing.path("call").asText(), "JsSIP heard the 180: " + ringing);

        bed.browserHangsUp(); // RTCSession.terminate() before the answer: CANCEL (RFC 3261 §9.1)
        JsonNode failed = bed.session(s -> "failed".equals(s.path("call").asText()));
        assertEquals("Canceled", failed.path("cause").asText(), "JsSIP failed the call as cancelled: " + failed);
        String callId = call.invite().getHeader("Call-ID").toString();
        assertTrue(JsSipBed.eventually(() -> carol.receivedRequests(Request.CANCEL).stream()
                        .anyMatch(r -> r.getHeader("Call-ID").toString().equals(callId))),
                "the CANCEL reached the IMS UA: " + carol.received());
    }

    @Test
    void imsBusyHereReachesJsSipAs486Busy() throws Exception {
        bed.browserCalls("sip:dave@" + JsSipBed.DOMAIN);
        JsonNode failed = bed.session(s -> "failed".equals(s.path("call").asText()));
        assertEquals(486, failed.path("status").asInt(), failed.toString());
        assertEquals("Busy", failed.path("cause").asText(), failed.toString());
    }

    @Test
    void imsTemporarilyUnavailableReachesJsSipAs480Unavailable() throws Exception {
        bed.browserCalls("sip:erin@" + JsSipBed.DOMAIN);
        JsonNode failed = bed.session(s -> "failed".equals(s.path("call").asText()));
        assertEquals(480, failed.path("status").asInt(), failed.toString());
        assertEquals("Unavailable", failed.path("cause").asText(), failed.toString());
    }
}
