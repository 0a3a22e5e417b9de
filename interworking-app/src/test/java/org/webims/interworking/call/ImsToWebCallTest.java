package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.ContainerT1;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.BrowserWebRtc;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.UdpSipPhone;
import org.webims.interworking.peers.WebSocketSipPeer;
import org.webims.interworking.peers.ParallelClose;

/**
 * IMS -> web calls through the deployed application: the IMS side a JAIN-SIP agent where the
 * S-CSCF is, sending the terminating INVITE over ISC (Route: the AS URI, then the S-CSCF's own
 * entry with the original-dialog identifier); the web user registered on a SIP WebSocket.
 */
class ImsToWebCallTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CALLER = "sip:+4930777@ims.test";

    @TempDir
    Path dir;
    private ImsPeer ims;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;
    private BrowserWebRtc browser;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        ims = new ImsPeer();
        support = InterworkingTestSupport.start(dir, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5), InterworkingTestSupport.t1For(test));
        web = support.webPeer();
        support.registerAlice(web);
        browser = new BrowserWebRtc(support.mediaNode());
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (web != null) {
            web.close();
        }
        ParallelClose.all(java.util.Arrays.asList(support, ims)); // neither waits for the other's stack to stop
    }

    /** A VoLTE phone's offer (AMR-WB both packetisations, DTMF), on loopback, without preconditions. */
    private static String mtsiOffer() throws Exception {
        return Files.readString(Path.of("../media-engine/src/test/resources/sdp/mtsi-volte-offer.sdp"), StandardCharsets.UTF_8)
                .replace("IN IP6 2001:db8:80:1::2a", "IN IP4 127.0.0.1").replaceAll("(?m)^a=(curr|des):.*\\n", "")
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** The ISC Route of a terminating request: the AS URI, then the S-CSCF's entry with its ODI (TS 24.229 §5.4.3.3). */
    private List<String> iscHeaders() {
        return List.of("Route: <sip:127.0.0.1:" + support.udpPort() + ";lr>",
                "Route: <sip:127.0.0.1:" + ims.port() + ";lr;odi=4f2a91c0d7e3b5a6>",
                "P-Asserted-Identity: \"Carol\" <" + CALLER + ">",
                "P-Charging-Vector: icid-value=1234bc9876e;orig-ioi=ims.test");
    }

    private ClientTransaction callAlice() throws Exception {
        return ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER, iscHeaders(), mtsiOffer());
    }

    /** The web INVITE alice's WebSocket got, ringing sent back and seen on the IMS side. */
    private SipText ringingAtAlice() throws Exception {
        SipText invite = web.next("INVITE", 0, WAIT);
        web.send(invite.reply(180, "Ringing", "alice1", null));
        assertEquals(180, ims.nextResponse(Request.INVITE, 180, WAIT).getStatusCode());
        return invite;
    }

    private Response answeredByAlice(SipText webInvite) throws Exception {
        web.send(webInvite.reply(200, "OK", "alice1", browser.answer(webInvite.body())));
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        ims.ack(ok);
        assertFalse(web.next("ACK", 0, WAIT).isResponse());
        return ok;
    }

    /** A request inside the web leg's dialog, from alice's side. */
    private static String fromAlice(String method, SipText webInvite) {
        return method + " " + webInvite.contactUri() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + WebSocketSipPeer.INVALID_HOST + ";branch=z9hG4bK" + method.toLowerCase() + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: " + webInvite.header("From") + "\r\n"
                + "From: " + webInvite.header("To") + ";tag=alice1\r\n"
                + "Call-ID: " + webInvite.header("Call-ID") + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private void awaitPipelines(int expected) throws InterruptedException {
        for (int i = 0; i < 100 && support.pipelines().size() != expected; i++) {
            Thread.sleep(50);
        }
        assertEquals(expected, support.pipelines().size(), "media pipelines (the browser stand-in's is one)");
    }

    private static String body(Response r) {
        return r.getRawContent() == null ? "" : new String(r.getRawContent(), StandardCharsets.UTF_8);
    }

    @Test
    void imsCallReachesTheWebUsersWebSocketWithAWebRtcOfferAndTheAnswerGoesBackAsMtsi() throws Exception {
        callAlice();
        SipText invite = ringingAtAlice();
        assertTrue(invite.startLine().startsWith("INVITE sip:alicex@127.0.0.1:"), invite.startLine());
        assertTrue(invite.startLine().contains("transport=ws"), invite.startLine());
        assertTrue(invite.header("From").contains(CALLER) && invite.header("From").contains("Carol"), invite.header("From"));
        assertTrue(invite.header("To").contains("sip:alice@" + InterworkingTestSupport.DOMAIN), invite.header("To"));
        assertTrue(invite.body().contains("a=ice-lite") && invite.body().contains("a=fingerprint:sha-256")
                && invite.body().contains("a=setup:actpass") && invite.body().contains("UDP/TLS/RTP/SAVPF"), invite.body());
        assertTrue(invite.header("Route") == null && invite.header("P-Charging-Vector") == null,
                "ISC routing and charging stay on the IMS side");

        Response ok = answeredByAlice(invite);
        String answer = body(ok);
        assertTrue(answer.contains("RTP/AVP") && answer.matches("(?s).*a=rtpmap:(116|107) AMR-WB/16000.*"), answer);
        assertFalse(answer.contains("a=ice-") || answer.contains("a=fingerprint"), answer);

        web.send(fromAlice("BYE", invite));
        ims.nextRequest(Request.BYE, WAIT);
        assertEquals(200, web.next("BYE", 200, WAIT).status());
        awaitPipelines(1);
    }

    @Test
    void byeFromTheImsSideEndsTheWebLeg() throws Exception {
        callAlice();
        SipText invite = ringingAtAlice();
        answeredByAlice(invite);
        ims.bye(ims.dialog());
        SipText bye = web.next("BYE", 0, WAIT);
        assertFalse(bye.isResponse());
        web.send(bye.reply(200, "OK", null, null));
        assertEquals(200, ims.nextResponse(Request.BYE, 200, WAIT).getStatusCode());
        awaitPipelines(1);
    }

    @Test
    void earlyMediaFromTheWebSideReachesTheImsCallerIn183AndThe200RepeatsIt() throws Exception {
        callAlice();
        SipText invite = web.next("INVITE", 0, WAIT);
        web.send(invite.reply(183, "Session Progress", "alice1", browser.answer(invite.body())));
        Response progress = ims.nextResponse(Request.INVITE, 183, WAIT);
        assertEquals(183, progress.getStatusCode());
        assertTrue(body(progress).contains("AMR-WB/16000"), body(progress));
        web.send(invite.reply(200, "OK", "alice1", null));
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        assertEquals(body(progress), body(ok));
        ims.ack(ok);
        web.send(fromAlice("BYE", invite));
        ims.nextRequest(Request.BYE, WAIT);
        awaitPipelines(1);
    }

    @Test
    void busyWebUserGives486ToTheImsCaller() throws Exception {
        callAlice();
        SipText invite = web.next("INVITE", 0, WAIT);
        web.send(invite.reply(486, "Busy Here", "alice1", null));
        assertEquals(486, ims.nextResponse(Request.INVITE, 200, WAIT).getStatusCode());
        assertFalse(web.next("ACK", 0, WAIT).isResponse()); // the container ACKs the error (RFC 3261 §17.1.1.3)
        awaitPipelines(1);
    }

    @Test
    void webUserNotAnsweringWith480GivesTheImsCaller480() throws Exception {
        callAlice();
        SipText invite = ringingAtAlice();
        web.send(invite.reply(480, "Temporarily Unavailable", "alice1", null));
        assertEquals(480, ims.nextResponse(Request.INVITE, 200, WAIT).getStatusCode());
        awaitPipelines(1);
    }

    @Test
    void cancelFromTheImsSideBeforeAnswerCancelsTheWebInvite() throws Exception {
        ClientTransaction tx = callAlice();
        SipText invite = ringingAtAlice();
        ims.cancel(tx);
        assertEquals(200, ims.nextResponse(Request.CANCEL, 200, WAIT).getStatusCode());
        assertEquals(487, ims.nextResponse(Request.INVITE, 200, WAIT).getStatusCode());
        SipText cancel = web.next("CANCEL", 0, WAIT);
        assertFalse(cancel.isResponse());
        web.send(cancel.reply(200, "OK", null, null));
        web.send(invite.reply(487, "Request Terminated", "alice1", null));
        awaitPipelines(1);
    }

    @Test
    void webUserNotRegisteredGets480() throws Exception {
        ims.invite(InterworkingTestSupport.BOB.impu(), CALLER, iscHeaders(), mtsiOffer());
        Response r = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(480, r.getStatusCode());
        awaitPipelines(1);
    }

    @Test
    void impuOfNoWebUserWithNoWayBackThroughTheScscfGets404() throws Exception {
        ims.invite("sip:+4930555@ims.test", CALLER, List.of("Route: <sip:127.0.0.1:" + support.udpPort() + ";lr>"),
                mtsiOffer());
        assertEquals(404, ims.nextResponse(Request.INVITE, 200, WAIT).getStatusCode());
    }

    @Test
    void iscInviteForAnotherUserGoesBackThroughTheScscfWithItsOriginalDialogIdentifier() throws Exception {
        String offer = mtsiOffer();
        ims.invite("sip:+4930555@ims.test", CALLER, iscHeaders(), offer);
        javax.sip.RequestEvent relayed = ims.nextRequest(Request.INVITE, WAIT);
        Request out = relayed.getRequest();
        assertEquals("sip:+4930555@ims.test", out.getRequestURI().toString());
        java.util.ListIterator<?> routes = out.getHeaders("Route");
        assertTrue(routes.hasNext(), out.toString());
        String route = routes.next().toString();
        assertTrue(route.contains("sip:127.0.0.1:" + ims.port()) && route.contains("odi=4f2a91c0d7e3b5a6"), route);
        assertFalse(routes.hasNext(), "only the S-CSCF's entry: ours is used up");
        assertTrue(out.getHeader("P-Charging-Vector").toString().contains("icid-value=1234bc9876e"), out.toString());
        assertTrue(out.getHeader("P-Asserted-Identity").toString().contains(CALLER));
        assertEquals(offer, ims.contentOf(out));

        String answer = offer.replace("o=SAMSUNG-IMS-UE", "o=CALLEE-UE");
        ims.respond(relayed, 180, null);
        assertEquals(180, ims.nextResponse(Request.INVITE, 180, WAIT).getStatusCode());
        ims.respond(relayed, 200, answer);
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        assertEquals(answer, body(ok));
        ims.ack(ok);
        ims.nextRequest(Request.ACK, WAIT);
        ims.bye(ims.dialog());
        javax.sip.RequestEvent bye = ims.nextRequest(Request.BYE, WAIT);
        assertEquals(relayed.getRequest().getHeader("Call-ID"), bye.getRequest().getHeader("Call-ID"));
        assertEquals(200, ims.nextResponse(Request.BYE, 200, WAIT).getStatusCode());
        awaitPipelines(1); // no media for an IMS-to-IMS leg
    }

    /**
     * The relayed ISC INVITE (IscRelayedCall) forked beyond the S-CSCF and a second phone answered
     * after the first (RFC 3261 §13.2.2.4): its 2xx arrives in a derived session (JSR 289 §6.2.3.2)
     * and is acknowledged and ended there, unseen by the caller, while the call goes on with the
     * first. The second phone is a raw SIP socket that resends its 2xx until the ACK comes.
     */
    @Test
    void secondForkedAnswerToARelayedIscInviteIsAcknowledgedAndHungUpWhileTheCallGoesOn() throws Exception {
        String offer = mtsiOffer();
        ims.invite("sip:+4930555@ims.test", CALLER, iscHeaders(), offer);
        javax.sip.RequestEvent relayed = ims.nextRequest(Request.INVITE, WAIT);
        ims.respond(relayed, 200, offer.replace("o=SAMSUNG-IMS-UE", "o=CALLEE-UE"));
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        ims.ack(ok);
        ims.nextRequest(Request.ACK, WAIT);

        javax.sip.header.ViaHeader gateway = (javax.sip.header.ViaHeader) relayed.getRequest().getHeader("Via");
        java.net.InetSocketAddress gatewayAddress = new java.net.InetSocketAddress(gateway.getHost(), gateway.getPort());
        try (UdpSipPhone fork = new UdpSipPhone()) {
            String answer = SipText.parse(relayed.getRequest().toString()).reply(200, "OK", "fork2",
                    "<sip:fork2@127.0.0.1:" + fork.port() + ">", offer.replace("o=SAMSUNG-IMS-UE", "o=FORK2-UE"));
            fork.answerAndExpectAckThenBye(answer, "fork2", gatewayAddress, WAIT);
        }
        // the call is the first phone's: the caller's BYE reaches it, not the second
        ims.bye(ims.dialog());
        javax.sip.RequestEvent relayedBye = ims.nextRequest(Request.BYE, WAIT);
        assertEquals(relayed.getRequest().getHeader("Call-ID"), relayedBye.getRequest().getHeader("Call-ID"));
        assertFalse(((javax.sip.header.ToHeader) relayedBye.getRequest().getHeader("To")).getTag().equals("fork2"),
                relayedBye.getRequest().toString());
        assertEquals(200, ims.nextResponse(Request.BYE, 200, WAIT).getStatusCode());
        awaitPipelines(1); // no media for an IMS-to-IMS leg
    }

    @Test
    void impuWithUriParametersStillFindsTheWebUser() throws Exception {
        ims.invite(InterworkingTestSupport.ALICE.impu() + ";user=phone", CALLER, iscHeaders(), mtsiOffer());
        SipText invite = web.next("INVITE", 0, WAIT);
        web.send(invite.reply(603, "Decline", "alice1", null));
        assertEquals(603, ims.nextResponse(Request.INVITE, 200, WAIT).getStatusCode());
    }

    private static String audioDirection(String sdp) {
        String audio = sdp.substring(sdp.indexOf("m=audio"));
        int video = audio.indexOf("m=video");
        audio = video < 0 ? audio : audio.substring(0, video);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^a=(sendrecv|sendonly|recvonly|inactive)").matcher(audio);
        return m.find() ? m.group(1) : "sendrecv";
    }

    /** The phone's offer again (RFC 3264 §8: o= version raised) with {@code direction}. */
    private static String mtsiReoffer(int version, String direction) throws Exception {
        return mtsiOffer().replace("1642683412 0 IN", "1642683412 " + version + " IN").replace("a=sendrecv", "a=" + direction);
    }

    private void imsOfferInDialogIsAnsweredThroughTheWebLeg(String method) throws Exception {
        callAlice();
        SipText invite = ringingAtAlice();
        answeredByAlice(invite);

        ims.offerInDialog(ims.dialog(), method, mtsiReoffer(1, "sendonly"));
        SipText reoffer = web.next(method, 0, WAIT);
        assertFalse(reoffer.isResponse());
        assertTrue(reoffer.body().contains("a=fingerprint:sha-256") && reoffer.body().contains("a=ice-lite"), reoffer.body());
        assertEquals("sendonly", audioDirection(reoffer.body()), "the hold reaches the browser: " + reoffer.body());
        String video = reoffer.body().contains("m=video") ? reoffer.body().substring(reoffer.body().indexOf("m=video")) : "";
        // the IMS call has no video: the web leg's video holds too, or the browser sees an active stream (RFC 3264 §8.4)
        assertTrue(video.isEmpty() || video.contains("a=inactive"), "video of an audio call is inactive: " + reoffer.body());
        web.send(reoffer.reply(200, "OK", null, browser.answer(reoffer.body())));
        Response held = ims.nextResponse(method, 200, WAIT);
        assertEquals(200, held.getStatusCode());
        assertEquals("recvonly", audioDirection(body(held)), body(held));
        if (method.equals(Request.INVITE)) {
            ims.ack(held);
            assertFalse(web.next("ACK", 0, WAIT).isResponse());
        }

        ims.offerInDialog(ims.dialog(), method, mtsiReoffer(2, "sendrecv"));
        SipText resume = web.next(method, 0, WAIT);
        assertEquals("sendrecv", audioDirection(resume.body()), resume.body());
        web.send(resume.reply(200, "OK", null, browser.answer(resume.body())));
        Response resumed = ims.nextResponse(method, 200, WAIT);
        assertEquals("sendrecv", audioDirection(body(resumed)), body(resumed));
        if (method.equals(Request.INVITE)) {
            ims.ack(resumed);
        }
        ims.bye(ims.dialog());
        web.send(web.next("BYE", 0, WAIT).reply(200, "OK", null, null));
        awaitPipelines(1);
    }

    @Test
    void holdAndResumeByReinviteFromTheImsSidePassThroughTheWebLeg() throws Exception {
        imsOfferInDialogIsAnsweredThroughTheWebLeg(Request.INVITE);
    }

    @Test
    void holdAndResumeByUpdateFromTheImsSidePassThroughTheWebLeg() throws Exception {
        imsOfferInDialogIsAnsweredThroughTheWebLeg(Request.UPDATE);
    }

    @Test
    void ringingGoesReliablyToAnImsCallerThatSupports100relAndItsPrackIsAnswered() throws Exception {
        List<String> headers = new java.util.ArrayList<>(iscHeaders());
        headers.add("Supported: 100rel");
        ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER, headers, mtsiOffer());
        SipText invite = web.next("INVITE", 0, WAIT);
        web.send(invite.reply(180, "Ringing", "alice1", null));
        Response ringing = ims.nextResponse(Request.INVITE, 180, WAIT);
        assertEquals("100rel", ringing.getHeader("Require").toString().split(":", 2)[1].strip());
        assertTrue(ringing.getHeader("RSeq") != null, ringing.toString());
        web.send(invite.reply(200, "OK", "alice1", browser.answer(invite.body())));
        ims.prack(ringing);
        assertEquals(200, ims.nextResponse(Request.PRACK, 200, WAIT).getStatusCode());
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        ims.ack(ok);
        ims.bye(ims.dialog());
        web.send(web.next("BYE", 0, WAIT).reply(200, "OK", null, null));
        awaitPipelines(1);
    }

    @Test
    void profileRequiring100relRefusesAnImsInviteWithoutItWith421(@TempDir Path other) throws Exception {
        web.close();
        browser.close();
        support.close();
        support = InterworkingTestSupport.startWithProfile(other, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5), p -> p.replace("<reliable-provisional>supported</reliable-provisional>",
                        "<reliable-provisional>required</reliable-provisional>"));
        web = support.webPeer();
        support.registerAlice(web);
        browser = new BrowserWebRtc(support.mediaNode());
        callAlice();
        Response r = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(421, r.getStatusCode());
        assertEquals("100rel", r.getHeader("Require").toString().split(":", 2)[1].strip());
    }

    @Test
    void imsCallerAskingForIdentityPrivacyReachesTheBrowserAnonymous() throws Exception {
        List<String> headers = new java.util.ArrayList<>(iscHeaders());
        headers.add("Privacy: id");
        ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER, headers, mtsiOffer());
        SipText invite = web.next("INVITE", 0, WAIT);
        String from = invite.header("From");
        assertTrue(from.contains("sip:anonymous@anonymous.invalid") && !from.contains("4930777") && !from.contains("Carol"), from);
        assertTrue(invite.header("P-Asserted-Identity") == null, "no asserted identity leaves the trust domain");
        web.send(invite.reply(486, "Busy Here", "alice1", null));
        assertEquals(486, ims.nextResponse(Request.INVITE, 200, WAIT).getStatusCode());
    }

    /**
     * JSR 289 §6 {@code noAckReceived} (decision 0059): the IMS caller never ACKs our 2xx. 64*T1 after
     * it the application ends the whole call, as {@link WebToImsCallTest} shows for a web caller: BYE on
     * both legs with {@code Reason: SIP;cause=408}, one per dialog, the media released; the web
     * callee's 2xx was ACKed as it answered. The caller is a raw UDP phone where the S-CSCF would be,
     * so that no stack of its own ACKs or drops anything.
     */
    @Test
    @ContainerT1(WebToImsCallTest.SMALL_T1)
    void imsCallerThatNeverAcksTheAnswerIsHungUpOnBothLegsWithA408ReasonAndTheMediaIsReleased() throws Exception {
        try (UdpSipPhone caller = new UdpSipPhone()) {
            InetSocketAddress as = new InetSocketAddress("127.0.0.1", support.udpPort());
            caller.send(iscInviteFrom(caller.port(), "ims-caller-never-acks@127.0.0.1"), as);
            SipText webInvite = web.next("INVITE", 0, WAIT);
            web.send(webInvite.reply(200, "OK", "alice1", browser.answer(webInvite.body())));
            assertFalse(web.next("ACK", 0, WAIT).isResponse(), "the web callee's 2xx is ACKed as it answers");
            SipText ok = nextMessage(caller, WAIT, m -> m.isResponse() && m.status() >= 200);
            assertEquals(200, ok.status(), ok.startLine());
            awaitPipelines(2);

            // no ACK from the IMS side: its 2xx is resent for 64*T1, then the notice comes
            SipText bye = nextMessage(caller, WebToImsCallTest.NO_ACK_NOTICE, m -> !m.isResponse());
            assertEquals("BYE", bye.method(), bye.startLine());
            WebToImsCallTest.assertReason408(bye.header("Reason"));
            caller.send(bye.reply(200, "OK", null, null), as);
            SipText webBye = web.next(webInvite.header("Call-ID"), "BYE", 0, WAIT);
            WebToImsCallTest.assertReason408(webBye.header("Reason"));
            web.send(webBye.reply(200, "OK", null, null));
            awaitPipelines(1);

            // a retransmission of that BYE (its Via branch: RFC 3261 §17.1.2.2) is no second request
            assertNull(nextMessage(caller, WebToImsCallTest.ONE_BYE_ONLY,
                            m -> !m.isResponse() && !m.header("Via").equals(bye.header("Via"))),
                    "a second request (BYE) to the IMS caller");
            assertThrows(AssertionError.class, () -> web.next(webInvite.header("Call-ID"), "BYE", 0, Duration.ofMillis(200)),
                    "a second BYE to the web callee");
        }
    }

    /**
     * JSR 289 §6 {@code noPrackReceived} (decision 0060): the IMS caller supports 100rel, as TS 24.229
     * has every IMS UA do, so alice's ringing goes to it reliably, and it never PRACKs. The 180 is
     * resent with the same RSeq at growing intervals for 64*T1 (RFC 3262 §3); then the application
     * ends the still-ringing call as it ends one whose media is lost: the IMS caller's INVITE refused
     * with 500 and the web callee's INVITE cancelled, both with {@code Reason: SIP;cause=500}, the
     * media released. The caller is a raw UDP phone where the S-CSCF would be, so that it sees every
     * datagram and no stack of its own PRACKs.
     */
    @Test
    @ContainerT1(WebToImsCallTest.SMALL_T1)
    void imsCallerThatNeverPracksTheReliableRingingIsRefusedWith500AndTheWebInviteIsCancelled() throws Exception {
        try (UdpSipPhone caller = new UdpSipPhone()) {
            InetSocketAddress as = new InetSocketAddress("127.0.0.1", support.udpPort());
            caller.send(iscInviteFrom(caller.port(), "ims-caller-never-pracks@127.0.0.1", "Supported: 100rel"), as);
            SipText webInvite = web.next("INVITE", 0, WAIT);
            web.send(webInvite.reply(180, "Ringing", "alice1", null));

            List<Long> ringingAt = new java.util.ArrayList<>();
            String rseq = null;
            SipText refusal = null;
            long t1 = WebToImsCallTest.SMALL_T1;
            long deadline = System.nanoTime() + Duration.ofMillis(64 * t1 + 10_000).toNanos();
            while (refusal == null) {
                SipText m = nextMessage(caller, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())),
                        SipText::isResponse);
                assertNotNull(m, "no final response within 64*T1 + 10 s; 180s seen: " + ringingAt.size());
                if (m.status() == 180) {
                    assertTrue(m.header("Require").contains("100rel") && m.header("RSeq") != null, m.toString());
                    rseq = rseq == null ? m.header("RSeq") : rseq;
                    assertEquals(rseq, m.header("RSeq"), "each retransmission is the same reliable 180");
                    ringingAt.add(System.nanoTime());
                } else if (m.status() >= 200) {
                    refusal = m;
                }
            }
            long refusedAfter = Duration.ofNanos(System.nanoTime() - ringingAt.get(0)).toMillis();
            List<Long> gaps = new java.util.ArrayList<>();
            for (int i = 1; i < ringingAt.size(); i++) {
                gaps.add(Duration.ofNanos(ringingAt.get(i) - ringingAt.get(i - 1)).toMillis());
            }
            assertTrue(gaps.size() >= 5, "at least 5 retransmissions in 64*T1, gaps (ms): " + gaps);
            for (int i = 1; i < gaps.size(); i++) {
                assertTrue(gaps.get(i) > gaps.get(i - 1), "each interval longer than the last, gaps (ms): " + gaps);
            }
            assertTrue(refusedAfter >= 64 * t1 - 250, "refused 64*T1 after the first 180, not " + refusedAfter + " ms");
            assertEquals(500, refusal.status(), refusal.startLine());
            assertReason500(refusal.header("Reason"));
            caller.send("ACK " + InterworkingTestSupport.ALICE.impu() + " SIP/2.0\r\n"
                    + "Via: " + refusal.header("Via") + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: " + refusal.header("From") + "\r\n"
                    + "To: " + refusal.header("To") + "\r\n"
                    + "Call-ID: " + refusal.header("Call-ID") + "\r\n"
                    + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n", as);

            SipText cancel = web.next(webInvite.header("Call-ID"), "CANCEL", 0, WAIT);
            assertReason500(cancel.header("Reason"));
            web.send(cancel.reply(200, "OK", null, null));
            web.send(webInvite.reply(487, "Request Terminated", "alice1", null));
            awaitPipelines(1);

            SipText more = nextMessage(caller, Duration.ofSeconds(2), m -> !(m.isResponse() && m.status() == 500));
            assertNull(more, "nothing else to the IMS caller after its 500: " + (more == null ? "" : more.startLine()));
        }
    }

    private static void assertReason500(String reason) {
        assertNotNull(reason, "the cause in a Reason (RFC 3326)");
        assertTrue(reason.matches("(?s)SIP\\s*;\\s*cause=500\\s*;\\s*text=\"No PRACK for the reliable provisional response\"\\s*"),
                "Reason: SIP;cause=500 with its text, not " + reason);
    }

    /** The terminating INVITE as the S-CSCF sends it over ISC, from a raw phone at {@code port}, with {@code extra} headers. */
    private String iscInviteFrom(int port, String callId, String... extra) throws Exception {
        String sdp = mtsiOffer();
        return "INVITE " + InterworkingTestSupport.ALICE.impu() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + callId.substring(0, callId.indexOf('@')) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + String.join("\r\n", iscHeaders()) + "\r\n"
                + (extra.length == 0 ? "" : String.join("\r\n", extra) + "\r\n")
                + "From: \"Carol\" <" + CALLER + ">;tag=carol\r\n"
                + "To: <" + InterworkingTestSupport.ALICE.impu() + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:carol@127.0.0.1:" + port + ">\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
    }

    /** The next message {@code phone} gets that {@code wanted} takes, others passed over; null if none comes within {@code wait}. */
    private static SipText nextMessage(UdpSipPhone phone, Duration wait, java.util.function.Predicate<SipText> wanted)
            throws Exception {
        long end = System.nanoTime() + wait.toNanos();
        for (long left = wait.toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
            SipText m = phone.receive(Duration.ofMillis(left));
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        return null;
    }

    @Test
    void lostMediaEndsAnAnsweredImsCallOnBothLegsWithAReason(@TempDir Path other) throws Exception {
        web.close();
        browser.close();
        support.close();
        org.webims.interworking.peers.LosableMediaControl media = new org.webims.interworking.peers.LosableMediaControl();
        support = InterworkingTestSupport.start(other, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5), media);
        media.delegateTo(support.inProcessMediaControl());
        web = support.webPeer();
        support.registerAlice(web);
        browser = new BrowserWebRtc(support.mediaNode());
        callAlice();
        answeredByAlice(ringingAtAlice());

        media.loseMedia("media node lost");
        javax.sip.RequestEvent imsBye = ims.nextRequest(Request.BYE, WAIT);
        String imsReason = imsBye.getRequest().getHeader("Reason").toString();
        assertTrue(imsReason.contains("cause=503") && imsReason.contains("media node lost"), imsReason);
        SipText webBye = web.next("BYE", 0, WAIT);
        assertTrue(webBye.header("Reason").contains("cause=503"), webBye.header("Reason"));
        web.send(webBye.reply(200, "OK", null, null));
        awaitPipelines(1);
    }
}
