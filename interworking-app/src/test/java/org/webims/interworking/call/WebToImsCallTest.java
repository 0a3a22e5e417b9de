package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.ContainerT1;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.Digest;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.UdpSipPhone;
import org.webims.interworking.peers.WebUserDialog;
import org.webims.interworking.peers.WebSocketSipPeer;
import org.webims.interworking.peers.ParallelClose;

/**
 * Web -> IMS calls through the deployed application: a web user on a SIP WebSocket with a
 * Chromium WebRTC offer, the IMS side a JAIN-SIP agent where the S-CSCF would be.
 */
class WebToImsCallTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CALLEE = "sip:+4930999@ims.test";

    @TempDir
    Path dir;
    private ImsPeer ims;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;
    private final WebUserDialog alice = new WebUserDialog(CALLEE);
    private final String callId = alice.callId();
    private final String fromTag = alice.fromTag();
    /** Header lines ("Name: value\r\n") the web INVITE carries besides the usual. */

    @BeforeEach
    void start(TestInfo test) throws Exception {
        ims = new ImsPeer();
        support = InterworkingTestSupport.start(dir, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5), InterworkingTestSupport.t1For(test));
        web = support.webPeer();
        support.registerAlice(web);
    }

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        ParallelClose.all(java.util.Arrays.asList(support, ims)); // neither waits for the other's stack to stop
    }

    /** The Via line of the last INVITE {@link #invite} wrote (a CANCEL repeats it, RFC 3261 §9.1). */

    /** The web INVITE, challenged and sent again with credentials; returns the INVITE the IMS side got. */
    private RequestEvent placeCall() throws Exception {
        inviteWithCredentials(WebUserDialog.chromeOffer());
        return ims.nextRequest(Request.INVITE, WAIT);
    }

    /** The web INVITE with {@code offer}, challenged (401) and sent again with Alice's credentials. */
    private void inviteWithCredentials(String offer) throws Exception {
        web.send(alice.invite(1, null, offer));
        SipText challenge = web.next("INVITE", 200, WAIT);
        assertEquals(401, challenge.status(), challenge.startLine());
        String auth = Digest.authorization("alice", "alice-secret", "ims.test",
                SipText.param(challenge.header("WWW-Authenticate"), "nonce"), "INVITE", CALLEE, 1, "i1");
        web.send(alice.invite(2, auth, offer));
    }

    private static String mtsiAnswer(String imsOffer, int port) {
        Matcher amr = Pattern.compile("a=rtpmap:(\\d+) AMR-WB/16000").matcher(imsOffer);
        assertTrue(amr.find(), imsOffer);
        String pt = amr.group(1);
        return "v=0\r\no=ims-ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " AMR-WB/16000/1\r\n"
                + "a=fmtp:" + pt + " mode-change-capability=2;max-red=220\r\na=ptime:20\r\na=sendrecv\r\n"
                + videoRefused(imsOffer);
    }

    /** An audio-only IMS phone refuses the offered video with port 0 (RFC 3264 §6). */
    private static String videoRefused(String imsOffer) {
        Matcher video = Pattern.compile("(?m)^m=video \\d+ RTP/AVP (\\d+)").matcher(imsOffer);
        return video.find() ? "m=video 0 RTP/AVP " + video.group(1) + "\r\n" : "";
    }

    private SipText answeredCall(RequestEvent imsInvite) throws Exception {
        ims.respond(imsInvite, 180, null);
        assertEquals(180, web.next("INVITE", 180, WAIT).status());
        ims.respond(imsInvite, 200, mtsiAnswer(ims.contentOf(imsInvite.getRequest()), 40_000));
        SipText ok = web.next("INVITE", 200, WAIT);
        assertEquals(200, ok.status(), ok.startLine() + " " + ok.header("Warning"));
        ims.nextRequest(Request.ACK, WAIT);
        web.send(alice.inDialog("ACK", 2, ok));
        return ok;
    }

    private void awaitNoPipelines() throws InterruptedException {
        for (int i = 0; i < 100 && !support.pipelines().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(0, support.pipelines().size(), "media pipelines left after the call");
    }

    @Test
    void imsInviteCarriesMtsiOfferAndIdentityAndTheWebSideGetsAWebRtcAnswer() throws Exception {
        RequestEvent imsInvite = placeCall();
        Request invite = imsInvite.getRequest();
        assertEquals("<sip:+4930111@ims.test>", invite.getHeader("P-Asserted-Identity").toString().split(":", 2)[1].strip());
        String pcv = invite.getHeader("P-Charging-Vector").toString();
        assertTrue(pcv.matches("(?s).*icid-value=[0-9a-f]{32}.*") && pcv.contains("orig-ioi=ims.test"), pcv);
        assertTrue(invite.getRequestURI().toString().startsWith(CALLEE), invite.toString());
        String offer = ims.contentOf(invite);
        assertEquals(2, Pattern.compile("a=rtpmap:\\d+ AMR-WB/16000").matcher(offer).results().count(), offer);
        assertTrue(offer.contains("octet-align=1") && offer.contains("telephone-event/16000"), offer);
        assertTrue(offer.contains("RTP/AVP ") && !offer.contains("a=ice-") && !offer.contains("BUNDLE"), offer);
        assertEquals(1, support.pipelines().size());

        SipText ok = answeredCall(imsInvite);
        assertTrue(ok.body().contains("a=ice-lite") && ok.body().contains("a=fingerprint:sha-256")
                && ok.body().contains("a=group:BUNDLE"), ok.body());

        web.send(alice.inDialog("BYE", 3, ok));
        assertNotNull(ims.nextRequest(Request.BYE, WAIT));
        assertEquals(200, web.next("BYE", 200, WAIT).status());
        awaitNoPipelines();
    }

    /** Chrome's offer cut down to its audio section with only {@code payloadType} left. */
    private static String audioOnlyOffer(String payloadType) throws Exception {
        String chrome = WebUserDialog.chromeOffer();
        String audio = chrome.substring(0, chrome.indexOf("m=video"));
        StringBuilder offer = new StringBuilder();
        for (String line : audio.split("\r\n")) {
            Matcher format = Pattern.compile("^a=(rtpmap|fmtp|rtcp-fb):(\\d+) .*").matcher(line);
            if (format.matches() && !format.group(2).equals(payloadType)) {
                continue;
            }
            offer.append(line.startsWith("m=audio ") ? line.replaceAll("SAVPF .*", "SAVPF " + payloadType)
                    : line.startsWith("a=group:BUNDLE") ? "a=group:BUNDLE 0" : line).append("\r\n");
        }
        return offer.toString();
    }

    /** An offer with no codec the gateway can use gets 488 with a Warning (RFC 3261 §21.4.26, §20.43). */
    @Test
    void webOfferWithNoCommonCodecGets488WithAWarningAndNothingIsLeft() throws Exception {
        inviteWithCredentials(audioOnlyOffer("9")); // G.722 only
        SipText refused = web.next("INVITE", 200, WAIT);
        assertEquals(488, refused.status(), refused.startLine());
        String warning = refused.header("Warning");
        assertNotNull(warning, "a 488 says why in a Warning");
        assertTrue(warning.matches("305 .+ \".+\""), "305 Incompatible media format (RFC 3261 §20.43): " + warning);
        assertThrows(AssertionError.class, () -> ims.nextRequest(Request.INVITE, Duration.ofSeconds(1)),
                "no INVITE goes to the IMS for an offer that cannot be served");
        awaitNoPipelines();
    }

    /** A bad RFC 3890 a=maxprate (or b= value) in the browser's offer is a 488 whose Warning names it. */
    @Test
    void webOfferWithABadMaxprateGets488WithAWarningNamingIt() throws Exception {
        String offer = audioOnlyOffer("111");
        inviteWithCredentials(offer.replace("a=rtcp-mux", "a=maxprate:0\r\na=rtcp-mux"));
        SipText refused = web.next("INVITE", 200, WAIT);
        assertEquals(488, refused.status(), refused.startLine());
        String warning = refused.header("Warning");
        assertNotNull(warning, "a 488 says why in a Warning");
        assertTrue(warning.contains("maxprate"), warning);
        assertThrows(AssertionError.class, () -> ims.nextRequest(Request.INVITE, Duration.ofSeconds(1)),
                "no INVITE goes to the IMS for an offer that cannot be read");
        awaitNoPipelines();
    }

    /**
     * The IMS forked the INVITE and a second phone answered after the first (RFC 3261 §13.2.2.4):
     * its 2xx arrives in a derived session (JSR 289 §6.2.3.2) and is acknowledged and ended there,
     * while the call goes on with the first. The second phone is a raw SIP socket that resends its
     * 2xx until the ACK comes (RFC 3261 §13.3.1.4).
     */
    @Test
    void secondForkedAnswerFromTheImsIsAcknowledgedAndHungUpWhileTheCallGoesOn() throws Exception {
        RequestEvent imsInvite = placeCall();
        SipText ok = answeredCall(imsInvite);
        ViaHeader gateway = (ViaHeader) imsInvite.getRequest().getHeader(ViaHeader.NAME);
        InetSocketAddress gatewayAddress = new InetSocketAddress(gateway.getHost(), gateway.getPort());
        try (UdpSipPhone fork = new UdpSipPhone()) {
            String contact = "<sip:fork2@127.0.0.1:" + fork.port() + ">";
            SipText invite = SipText.parse(imsInvite.getRequest().toString());
            String answer = invite.reply(200, "OK", "fork2", contact,
                    mtsiAnswer(ims.contentOf(imsInvite.getRequest()), 40_010));
            fork.answerAndExpectAckThenBye(answer, "fork2", gatewayAddress, WAIT);
        }
        // the call is the first phone's: the web caller's BYE reaches it, not the second
        web.send(alice.inDialog("BYE", 3, ok));
        Request imsBye = ims.nextRequest(Request.BYE, WAIT).getRequest();
        assertFalse(((ToHeader) imsBye.getHeader(ToHeader.NAME)).getTag().equals("fork2"), imsBye.toString());
        assertEquals(200, web.next("BYE", 200, WAIT).status());
        awaitNoPipelines();
    }

    /**
     * JSR 289 §6 {@code noAckReceived} (decision 0059): the web caller never ACKs our 2xx. RFC 3261
     * §13.3.1.4: 64*T1 after it the session is ended with a BYE. The application ends the whole
     * call: BYE on both legs with {@code Reason: SIP;cause=408} (RFC 3326), the media released. The
     * IMS callee's 2xx was ACKed when it answered (§13.2.2.4), so it gets ACK, then BYE. Each dialog
     * gets one BYE: the container sends none of its own on a dialog the application ended.
     */
    @Test
    @ContainerT1(SMALL_T1)
    void webCallerThatNeverAcksTheAnswerIsHungUpOnBothLegsWithA408ReasonAndTheMediaIsReleased() throws Exception {
        RequestEvent imsInvite = placeCall();
        ims.respond(imsInvite, 200, mtsiAnswer(ims.contentOf(imsInvite.getRequest()), 40_000));
        SipText ok = web.next("INVITE", 200, WAIT);
        assertEquals(200, ok.status(), ok.startLine());
        assertNotNull(ims.nextRequest(Request.ACK, WAIT), "the IMS callee's 2xx is ACKed as it answers");
        assertEquals(1, support.pipelines().size());

        // no ACK from the web side: 64*T1 of 2xx retransmissions, JAIN-SIP's dialog linger, then the notice
        Request imsBye = ims.nextRequest(Request.BYE, NO_ACK_NOTICE).getRequest();
        assertReason408(String.valueOf(imsBye.getHeader("Reason")));
        SipText webBye = web.next(callId, "BYE", 0, WAIT);
        assertReason408(webBye.header("Reason"));
        web.send(webBye.reply(200, "OK", null, null));
        awaitNoPipelines();

        assertThrows(AssertionError.class, () -> ims.nextRequest(Request.BYE, ONE_BYE_ONLY), "a second BYE to the IMS callee");
        assertThrows(AssertionError.class, () -> web.next(callId, "BYE", 0, Duration.ofMillis(200)),
                "a second BYE to the web caller");
    }

    /**
     * The container's T1 (RFC 3261 §17.1.1.1, sip.t1-millis) in the tests that wait out 64*T1: loopback
     * round trips are short, and 64*T1 is then 6.4 s, not 32.
     */
    static final long SMALL_T1 = 100;
    /** 64*T1 for the ACK, JAIN-SIP's dialog linger (8 s at the default T1 of 500 ms, so 16*T1), and 10 s to spare. */
    static final Duration NO_ACK_NOTICE = Duration.ofMillis(64 * SMALL_T1 + 16 * SMALL_T1 + 10_000);
    /** A second BYE in the same dialog would go in the same task as the first: well within this. */
    static final Duration ONE_BYE_ONLY = Duration.ofSeconds(3);

    static void assertReason408(String reason) {
        assertNotNull(reason, "the BYE says why (RFC 3326)");
        assertTrue(reason.matches("(?s)(Reason:\\s*)?SIP\\s*;\\s*cause=408\\s*;\\s*text=\"No ACK for the 2xx\"\\s*"),
                "Reason: SIP;cause=408 with its text, not " + reason);
    }

    @Test
    void byeFromTheImsSideEndsTheWebLeg() throws Exception {
        RequestEvent imsInvite = placeCall();
        answeredCall(imsInvite);
        ims.bye(((ServerTransaction) imsInvite.getServerTransaction()).getDialog());
        SipText bye = web.next("BYE", 0, WAIT);
        assertFalse(bye.isResponse());
        awaitNoPipelines();
    }

    @Test
    void busyImsSideGives486ToTheWebCaller() throws Exception {
        RequestEvent imsInvite = placeCall();
        ims.respond(imsInvite, 486, null);
        assertEquals(486, web.next("INVITE", 200, WAIT).status());
        awaitNoPipelines();
    }

    @Test
    void imsInviteCarriesTheProfiledAccessNetworkInfoAndNoPrivacyUnlessAsked() throws Exception {
        Request invite = placeCall().getRequest();
        assertEquals("IEEE-802.11; i-wlan-node-id=ffffffffffff", valueOf(invite.getHeader("P-Access-Network-Info")));
        assertNull(invite.getHeader("Privacy"));
        assertTrue(invite.getHeader("From").toString().contains("sip:+4930111@ims.test"), invite.getHeader("From").toString());
    }

    @Test
    void callerAskingForIdentityPrivacyIsAnonymousInFromAndAssertedTowardTheTrustedIms() throws Exception {
        alice.extraHeaders("Privacy: id\r\n");
        Request invite = placeCall().getRequest();
        String from = invite.getHeader("From").toString();
        assertTrue(from.contains("sip:anonymous@anonymous.invalid") && !from.contains("4930111"), from);
        // RFC 3325 §7: the trusted network gets the identity with Privacy: id and removes it at its edge
        assertEquals("<sip:+4930111@ims.test>", valueOf(invite.getHeader("P-Asserted-Identity")));
        assertEquals("id", valueOf(invite.getHeader("Privacy")));
    }

    @Test
    void thirdPartyRegisterIsAcceptedAndItsChargingFunctionAddressesGoOnTheUsersCalls() throws Exception {
        ims.send(Request.REGISTER, "sip:127.0.0.1:" + support.udpPort(), "sip:scscf.ims.test", "sip:+4930111@ims.test",
                java.util.List.of("Contact: <sip:127.0.0.1:" + ims.port() + ">", "Expires: 600",
                        "P-Charging-Vector: icid-value=reg0001;orig-ioi=ims.test",
                        "P-Charging-Function-Addresses: ccf=192.0.2.10;ecf=192.0.2.20"), null);
        javax.sip.message.Response ok = ims.nextResponse(Request.REGISTER, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        Request invite = placeCall().getRequest();
        String pcfa = valueOf(invite.getHeader("P-Charging-Function-Addresses"));
        assertEquals(java.util.Set.of("ccf=192.0.2.10", "ecf=192.0.2.20"), java.util.Set.of(pcfa.split(";")), pcfa);
        String icid = ((gov.nist.javax.sip.header.ims.PChargingVectorHeader) invite.getHeader("P-Charging-Vector")).getICID();
        assertFalse(icid.equals("reg0001"), "the call has its own icid-value (RFC 7315 §4.6)");
    }

    @Test
    void profileIdentityMappingRuleGivesTheAssertedImpu(@TempDir Path other) throws Exception {
        web.close();
        support.close();
        support = InterworkingTestSupport.startWithProfile(other, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5), profile -> profile.replace("sip:{user}@web.example.com", "sip:{user}@ims.test")
                        .replace("sip:+1555{user}@ims.test;user=phone", "sip:{user}.web@ims.test"));
        web = support.webPeer();
        support.registerAlice(web);
        Request invite = placeCall().getRequest();
        assertEquals("<sip:alice.web@ims.test>", valueOf(invite.getHeader("P-Asserted-Identity")));
    }

    private static String valueOf(javax.sip.header.Header h) {
        assertNotNull(h);
        return ((gov.nist.javax.sip.header.SIPHeader) h).getHeaderValue().strip();
    }

    /** A re-INVITE from alice inside the answered call, carrying {@code sdp}. */
    private String reinvite(int cseq, SipText ok, String sdp) {
        return alice.inDialog("INVITE", cseq, ok).replace("Content-Length: 0\r\n\r\n",
                "Content-Type: application/sdp\r\nContent-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length
                        + "\r\n\r\n" + sdp);
    }

    /** Chrome's offer again as a re-offer (RFC 3264 §8: o= version raised) with {@code direction} on each m-line. */
    private static String chromeReoffer(int version, String direction) throws Exception {
        return WebUserDialog.chromeOffer().replace("8437201736620357482 2 IN", "8437201736620357482 " + version + " IN")
                .replace("a=sendrecv", "a=" + direction);
    }

    private static String audioDirection(String sdp) {
        String audio = sdp.substring(sdp.indexOf("m=audio"));
        int video = audio.indexOf("m=video");
        audio = video < 0 ? audio : audio.substring(0, video);
        Matcher m = Pattern.compile("(?m)^a=(sendrecv|sendonly|recvonly|inactive)").matcher(audio);
        return m.find() ? m.group(1) : "sendrecv";
    }

    @Test
    void holdAndResumeFromTheWebSidePassThroughToTheImsLeg() throws Exception {
        RequestEvent imsInvite = placeCall();
        SipText ok = answeredCall(imsInvite);

        web.send(reinvite(3, ok, chromeReoffer(3, "sendonly")));
        RequestEvent hold = ims.nextRequest(Request.INVITE, WAIT);
        String holdOffer = ims.contentOf(hold.getRequest());
        assertEquals("sendonly", audioDirection(holdOffer), holdOffer);
        ims.respond(hold, 200, mtsiAnswer(holdOffer, 40_000).replace("a=sendrecv", "a=recvonly"));
        SipText held = web.next("INVITE", 200, WAIT);
        assertEquals(200, held.status());
        assertEquals("recvonly", audioDirection(held.body()), held.body());
        ims.nextRequest(Request.ACK, WAIT);
        web.send(alice.inDialog("ACK", 3, ok));

        web.send(reinvite(4, ok, chromeReoffer(4, "sendrecv")));
        RequestEvent resume = ims.nextRequest(Request.INVITE, WAIT);
        String resumeOffer = ims.contentOf(resume.getRequest());
        assertEquals("sendrecv", audioDirection(resumeOffer), resumeOffer);
        ims.respond(resume, 200, mtsiAnswer(resumeOffer, 40_000));
        SipText resumed = web.next("INVITE", 200, WAIT);
        assertEquals(200, resumed.status());
        assertEquals("sendrecv", audioDirection(resumed.body()), resumed.body());
        web.send(alice.inDialog("ACK", 4, ok));

        web.send(alice.inDialog("BYE", 5, ok));
        ims.nextRequest(Request.BYE, WAIT);
        awaitNoPipelines();
    }

    @Test
    void imsSideRefusingTheReofferGivesTheWebSideItsStatus() throws Exception {
        RequestEvent imsInvite = placeCall();
        SipText ok = answeredCall(imsInvite);
        web.send(reinvite(3, ok, chromeReoffer(3, "sendonly")));
        ims.respond(ims.nextRequest(Request.INVITE, WAIT), 488, null);
        assertEquals(488, web.next("INVITE", 200, WAIT).status());
    }

    @Test
    void imsInviteSupports100relAndAReliable183FromTheImsIsPracked() throws Exception {
        RequestEvent imsInvite = placeCall();
        assertTrue(headerValues(imsInvite.getRequest(), "Supported").stream().anyMatch(v -> v.contains("100rel")),
                imsInvite.getRequest().toString());
        String answer = mtsiAnswer(ims.contentOf(imsInvite.getRequest()), 40_000);
        ims.respondReliably(imsInvite, 183, answer);
        SipText progress = web.next("INVITE", 183, WAIT);
        assertEquals(183, progress.status());
        assertTrue(progress.body().contains("a=fingerprint:sha-256"), "early media answer: " + progress.body());
        RequestEvent prack = ims.nextRequest(Request.PRACK, WAIT);
        assertNotNull(prack.getRequest().getHeader("RAck"));
        ims.respond(prack, 200, null);
        ims.respond(imsInvite, 200, answer);
        SipText ok = web.next("INVITE", 200, WAIT);
        assertEquals(200, ok.status());
        web.send(alice.inDialog("ACK", 2, ok));
        web.send(alice.inDialog("BYE", 3, ok));
        ims.nextRequest(Request.BYE, WAIT);
        awaitNoPipelines();
    }

    private static java.util.List<String> headerValues(Request r, String name) {
        java.util.List<String> out = new java.util.ArrayList<>();
        r.getHeaders(name).forEachRemaining(h -> out.add(((gov.nist.javax.sip.header.SIPHeader) h).getHeaderValue().strip()));
        return out;
    }

    @Test
    void cancelFromTheWebSideBeforeAnswerCancelsTheImsInvite() throws Exception {
        RequestEvent imsInvite = placeCall();
        ims.respond(imsInvite, 180, null);
        assertEquals(180, web.next("INVITE", 180, WAIT).status());
        web.send("CANCEL " + CALLEE + " SIP/2.0\r\n" + alice.lastInviteVia() + "\r\nMax-Forwards: 70\r\nTo: <" + CALLEE + ">\r\n"
                + "From: \"Alice\" <sip:alice@ims.test>;tag=" + fromTag + "\r\nCall-ID: " + callId + "\r\n"
                + "CSeq: 2 CANCEL\r\nContent-Length: 0\r\n\r\n");
        assertEquals(200, web.next("CANCEL", 200, WAIT).status());
        assertEquals(487, web.next("INVITE", 200, WAIT).status());
        assertNotNull(ims.nextRequest(Request.CANCEL, WAIT));
        ims.respond(imsInvite, 487, null);
        awaitNoPipelines();
    }

    @Test
    void unavailableImsSideGives480ToTheWebCaller() throws Exception {
        RequestEvent imsInvite = placeCall();
        ims.respond(imsInvite, 480, null);
        assertEquals(480, web.next("INVITE", 200, WAIT).status());
        awaitNoPipelines();
    }

    @Test
    void secondOfferWhileOneIsPendingGets491() throws Exception {
        RequestEvent imsInvite = placeCall();
        SipText ok = answeredCall(imsInvite);
        web.send(reinvite(3, ok, chromeReoffer(3, "sendonly")));
        RequestEvent pending = ims.nextRequest(Request.INVITE, WAIT);
        web.send(reinvite(4, ok, chromeReoffer(4, "inactive")));
        assertEquals(491, web.next("INVITE", 200, WAIT).status(), "RFC 3261 §14.2");
        ims.respond(pending, 200, mtsiAnswer(ims.contentOf(pending.getRequest()), 40_000).replace("a=sendrecv", "a=recvonly"));
        assertEquals(200, web.next("INVITE", 200, WAIT).status());
    }
}
