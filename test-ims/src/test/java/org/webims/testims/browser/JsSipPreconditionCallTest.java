package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.sip.HeaderValues;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.ToneSource;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * The shipped strict carrier profile (preconditions and 100rel required) end to end with a real
 * browser: stock JsSIP in headless Chromium calls an IMS UA that negotiates qos preconditions as
 * a VoLTE UE does (RFC 3312 segmented status, TS 24.229 §6.1.2), and is called by it. In both
 * directions the precondition exchange (reliable 183 with the answer and status, PRACK, UPDATE
 * with the reserved segment, its 200) comes before anyone alerts, and media then flows both
 * ways. The profile is the shipped file with its page origins left out (the test page's port is
 * random) and its recordings written to a temporary folder. After each call the gateway is back
 * to its idle state ({@link CallLeakCheck}).
 */
class JsSipPreconditionCallTest {
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
        String strict = Files.readString(Path.of("../conf/profiles/volte-strict.xml"), StandardCharsets.UTF_8);
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        String profile = strict.replace("folder=\"/tmp\"", "folder=\"" + recordings + "\"")
                .replaceAll("(?m)^\\s*<allowed-origin>[^<]*</allowed-origin>\\s*\\n", "");
        assertTrue(profile.contains("<preconditions>required</preconditions>")
                && profile.contains("<reliable-provisional>required</reliable-provisional>")
                && !profile.contains("<allowed-origin>") && profile.contains(recordings.toString()), profile);
        Path file = Files.writeString(dir.resolve("volte-strict.xml"), profile);
        bed = new JsSipBed(dir, List.of("--interworking.carrier-profile=" + file), "bob");
        bob = bed.imsUser("bob", ImsUaOptions.defaults().withPreconditions(true));
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

    @Test
    void browserCallReachesTheImsUaWithPreconditionsRequiredAndItAlertsOnlyAfterTheGatewaysUpdate() throws Exception {
        bed.browserCalls("sip:bob@" + JsSipBed.DOMAIN);
        ImsCall call = bob.awaitIncomingCall(JsSipBed.WAIT); // it has answered in a reliable 183
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT);
        String callId = callIdOf(call);

        Request invite = call.invite();
        assertTrue(tags(invite, "Require").containsAll(List.of("precondition", "100rel")),
                "the strict profile requires both (RFC 3312 §11, RFC 3262 §3): " + tags(invite, "Require"));
        String offer = body(invite);
        assertTrue(offer.contains("a=curr:qos local none") && offer.contains("a=curr:qos remote none")
                && offer.contains("a=des:qos mandatory local sendrecv"), "the gateway's offer, nothing reserved: " + offer);
        // RFC 3312 §5.1: the gateway's PRACK acknowledges the 183 and its UPDATE reports its segment
        // reserved; the UA alerts (reliable 180, PRACKed) only then, and the ACK comes last
        assertEquals(List.of("INVITE", "PRACK", "UPDATE", "PRACK", "ACK"), requestMethods(bob, callId),
                "what the UA received in the call's set-up");
        String update = body(requests(bob, callId, Request.UPDATE).get(0));
        assertTrue(update.contains("a=curr:qos local sendrecv"), "the gateway's segment is reserved: " + update);
        // our answer to the UPDATE, with both segments reserved: what let the UA alert
        assertTrue(call.localSdp().contains("a=curr:qos local sendrecv") && call.localSdp().contains("a=curr:qos remote sendrecv"),
                call.localSdp());

        call.media().start(new ToneSource(UA_TONE_HZ, -6, Beep.RATE));
        mediaFlowsBothWays(call);
        leaks.seesTheCallUp();

        bed.browserHangsUp();
        call.awaitEnded(JsSipBed.WAIT);
        assertEquals("ended", bed.session(s -> "ended".equals(s.path("call").asText())).path("call").asText());
    }

    @Test
    void imsUaCallsTheBrowserWithPreconditionsAndTheBrowserRingsOnlyOnceTheUasSegmentIsReserved() throws Exception {
        ImsCall call = bob.call(JsSipBed.WEB_IMPU);
        JsonNode ringing = bed.page(s -> "incoming".equals(s.path("call").asText()));
        assertEquals("incoming", ringing.path("call").asText(), "the browser rings: " + ringing + "\nbob received " + bob.received());
        browser.call("webims.answer", false, JsSipBed.UNPROCESSED_AUDIO);
        assertEquals(200, call.awaitFinalResponse(JsSipBed.WAIT).getStatusCode(), call.inviteStatuses().toString());
        String callId = callIdOf(call);

        assertTrue(tags(call.invite(), "Supported").containsAll(List.of("precondition", "100rel")),
                "the UA's INVITE: " + call.invite());
        List<Response> responses = responses(bob, callId);
        int progress = indexOf(responses, 183, Request.INVITE);
        int updated = indexOf(responses, 200, Request.UPDATE);
        int alerting = indexOf(responses, 180, Request.INVITE);
        assertTrue(progress >= 0 && updated > progress && alerting > updated,
                "183, then the 200 to the UA's UPDATE, then 180 (RFC 3312 §5.1): " + summary(responses));
        Response early = responses.get(progress);
        assertTrue(early.getHeader("RSeq") != null && tags(early, "Require").contains("100rel"), "a reliable 183: " + early);
        String answer = body(early);
        // the gateway's own segment is reserved at once (nothing to reserve); it asks the UA to confirm its own
        assertTrue(answer.contains("a=curr:qos local sendrecv") && answer.contains("a=curr:qos remote none")
                && answer.contains("a=conf:qos remote sendrecv") && answer.contains("AMR-WB/16000"), answer);
        String updateAnswer = body(responses.get(updated));
        assertTrue(updateAnswer.contains("a=curr:qos local sendrecv") && updateAnswer.contains("a=curr:qos remote sendrecv"),
                "both segments reserved in the gateway's answer to the UPDATE: " + updateAnswer);
        assertTrue(requests(bob, callId, Request.UPDATE).isEmpty(), "the UA sent the UPDATE, it received none");

        call.media().start(new ToneSource(UA_TONE_HZ, -6, Beep.RATE));
        mediaFlowsBothWays(call);
        leaks.seesTheCallUp();

        assertEquals(200, call.hangUp(JsSipBed.WAIT).getStatusCode());
        JsonNode ended = bed.session(s -> "ended".equals(s.path("call").asText()));
        assertEquals("ended", ended.path("call").asText(), ended.toString());
    }

    /** The UA's 1 kHz AMR-WB tone plays in the browser and the fake microphone's beep reaches the UA. */
    private static void mediaFlowsBothWays(ImsCall call) throws Exception {
        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1
                && Math.abs(s.path("dominantHz").asDouble() - UA_TONE_HZ) < 50);
        assertTrue(page.path("audioPackets").asLong() > 0 && page.path("peak").asDouble() > 0.1,
                "the UA's AMR-WB, transcoded to Opus, plays in the browser: " + page);
        assertEquals(UA_TONE_HZ, page.path("dominantHz").asDouble(), 50, "the UA's 1 kHz tone is what plays: " + page);
        assertTrue(JsSipBed.eventually(() -> Beep.count(call.media().receivedAudio().samples(), 5000) >= 3),
                "Chromium's beep reaches the UA as AMR-WB: " + Beep.count(call.media().receivedAudio().samples(), 5000));
    }

    private static String callIdOf(ImsCall call) {
        return call.invite().getHeader("Call-ID").toString();
    }

    private static boolean inCall(Message m, String callId) {
        return m.getHeader("Call-ID").toString().equals(callId);
    }

    private static List<String> requestMethods(ImsUserAgent ua, String callId) {
        return ua.received().stream().filter(m -> m instanceof Request && inCall(m, callId))
                .map(m -> ((Request) m).getMethod()).toList();
    }

    private static List<Request> requests(ImsUserAgent ua, String callId, String method) {
        return ua.receivedRequests(method).stream().filter(r -> inCall(r, callId)).toList();
    }

    private static List<Response> responses(ImsUserAgent ua, String callId) {
        return ua.received().stream().filter(m -> m instanceof Response && inCall(m, callId)).map(m -> (Response) m).toList();
    }

    private static int indexOf(List<Response> responses, int status, String method) {
        for (int i = 0; i < responses.size(); i++) {
            Response r = responses.get(i);
            if (r.getStatusCode() == status && method.equals(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod())) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> summary(List<Response> responses) {
        return responses.stream().map(r -> r.getStatusCode() + " " + ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod())
                .toList();
    }

    /** The option tags of every {@code header} field of {@code m}. */
    private static List<String> tags(Message m, String header) {
        return HeaderValues.all(m, header).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).toList();
    }

    private static String body(Message m) {
        byte[] raw = m.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }
}
