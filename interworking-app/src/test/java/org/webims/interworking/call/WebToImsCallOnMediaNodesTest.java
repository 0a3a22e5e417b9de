package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.RequestEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.media.remote.RemoteMediaControl;
import org.webims.interworking.media.remote.RemoteMediaTimings;
import org.webims.interworking.peers.Digest;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.MediaNodeProcess;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebSocketSipPeer;

/**
 * Issue 7: web -> IMS calls through the deployed application with its media on two media nodes,
 * each in its own JVM, driven over the Kurento protocol. Calls spread over both; a node killed
 * mid-call ends its calls with BYE and a Reason header (RFC 3326) on both legs; later calls go to
 * the node still alive.
 */
class WebToImsCallOnMediaNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration LOSS = Duration.ofSeconds(30);
    private static final String TOKEN = "nodes-token";
    private static final AtomicLong SEQ = new AtomicLong();
    private static final String CALLEE = "sip:+4930999@ims.test";

    @TempDir
    Path dir;
    private MediaNodeProcess first;
    private MediaNodeProcess second;
    private RemoteMediaControl media;
    private ImsPeer ims;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;

    @BeforeEach
    void start() throws Exception {
        first = MediaNodeProcess.start(TOKEN, Duration.ofSeconds(120));
        second = MediaNodeProcess.start(TOKEN, Duration.ofSeconds(120));
        media = new RemoteMediaControl(List.of(first.uri(), second.uri()), TOKEN,
                new RemoteMediaTimings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30)));
        ims = new ImsPeer();
        support = InterworkingTestSupport.start(dir, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5), media);
        web = support.webPeer();
        support.registerAlice(web);
    }

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        if (support != null) {
            support.close();
        }
        if (media != null) {
            media.close();
        }
        if (ims != null) {
            ims.close();
        }
        for (MediaNodeProcess node : new MediaNodeProcess[] {first, second}) {
            if (node != null) {
                node.kill();
            }
        }
    }

    @Test
    void callsSpreadOverBothNodesAndAKilledNodesCallsEndWithByeAndReasonOnBothLegs() throws Exception {
        WebCall one = new WebCall();
        one.answer();
        assertEquals(List.of(1, 0), media.callsPerNode(), "the first call on the first node");
        WebCall two = new WebCall();
        two.answer();
        assertEquals(List.of(1, 1), media.callsPerNode(), "the second call on the idle node");

        first.kill();
        SipText webBye = nextBye(one.callId);
        assertTrue(webBye.header("Reason").matches("SIP\\s*;\\s*cause=503\\s*;\\s*text=\"media node lost\""),
                "Reason on the web leg: " + webBye.header("Reason"));
        web.send(ok(webBye));
        RequestEvent imsBye = ims.nextRequest(Request.BYE, LOSS);
        assertNotNull(imsBye, "BYE on the IMS leg");
        assertEquals(one.imsCallId, ((CallIdHeader) imsBye.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
        String imsReason = String.valueOf(imsBye.getRequest().getHeader("Reason"));
        assertTrue(imsReason.contains("cause=503") && imsReason.contains("media node lost"), "Reason on the IMS leg: " + imsReason);
        assertEquals(List.of(0, 1), media.callsPerNode(), "the call on the live node goes on");

        WebCall three = new WebCall();
        three.answer();
        assertEquals(List.of(0, 2), media.callsPerNode(), "the next call on the node still alive");

        for (WebCall call : List.of(two, three)) {
            call.hangUp();
        }
        awaitNodesIdle("both calls' media released on the live node");
    }

    @Test
    void aNodeKilledWhileTheImsSideRingsCancelsThatLegAndRefusesTheWebCallerWith503AndReason() throws Exception {
        WebCall ringing = new WebCall();
        ringing.ring();
        assertEquals(List.of(1, 0), media.callsPerNode());

        first.kill();
        SipText refused = web.next(ringing.callId, "INVITE", 300, LOSS);
        assertEquals(503, refused.status(), refused.startLine());
        assertTrue(String.valueOf(refused.header("Reason")).contains("text=\"media node lost\""),
                "Reason toward the web: " + refused.header("Reason"));
        RequestEvent cancel = ims.nextRequest(Request.CANCEL, LOSS);
        assertNotNull(cancel, "CANCEL on the IMS leg");
        String imsReason = String.valueOf(cancel.getRequest().getHeader("Reason"));
        assertTrue(imsReason.contains("cause=503"), "Reason on the IMS leg: " + imsReason);
        assertEquals(List.of(0, 0), media.callsPerNode());

        WebCall next = new WebCall();
        next.answer();
        assertEquals(List.of(0, 1), media.callsPerNode(), "the next call on the node still alive");
        next.hangUp();
    }

    /**
     * Decision 0091 on a media node: the browser's DTLS close_notify (a scripted browser keyed by the
     * node's answer, real ICE and DTLS) reaches the application as the node's PeerLeft event, and the
     * call ends with a BYE on both legs carrying a normal clearing, before any timeout could end it.
     */
    @Test
    void aBrowsersCloseNotifyEndsItsCallOnANodeWithByeOnBothLegs() throws Exception {
        try (ScriptedWeb browser = new ScriptedWeb()) {
            WebCall call = scriptedBrowserCall(browser);
            browser.browser.close(); // its DTLS session's close_notify

            // the RTCP timeout's floor
            String imsReason = imsByeReason(call, Duration.ofSeconds(5), "before any timeout could send one");
            assertTrue(imsReason.contains("Q.850;cause=16") && imsReason.contains("close_notify"), "Reason: " + imsReason);
            web.send(ok(nextBye(call.callId)));
            awaitNodesIdle("the call's media released on its node");
        }
    }

    /**
     * Decision 0093: a browser whose ICE checks stop after its one check and handshake (a scripted peer
     * with real ICE and DTLS, silent after, as a browser whose network went) keeps its WebSocket, and
     * the node's consent, RFC 7675's 30 s there, expires: the node's IceComponentStateChanged(FAILED)
     * ends the call with a BYE on both legs carrying Q.850 cause 41, and its media is released.
     */
    @Test
    void aBrowserWhoseChecksStopIsHungUpOnceItsConsentExpiresOnTheNode() throws Exception {
        try (ScriptedWeb browser = new ScriptedWeb()) {
            WebCall call = scriptedBrowserCall(browser);
            // no more checks from here: no close_notify, no BYE, the WebSocket open

            // consent's 30 s, then the node's once-a-second check
            String imsReason = imsByeReason(call, LOSS.plus(WAIT), "once consent expired");
            assertTrue(imsReason.contains("Q.850;cause=41") && imsReason.contains("consent"), "Reason: " + imsReason);
            SipText webBye = nextBye(call.callId);
            assertTrue(webBye.header("Reason").contains("cause=41"), "the web leg's BYE: " + webBye.header("Reason"));
            web.send(ok(webBye));
            awaitNodesIdle("the call's media released on its node");
        }
    }

    /** A scripted browser (real ICE and DTLS) with its certificate and handshake thread, closed together. */
    private static final class ScriptedWeb implements AutoCloseable {
        final org.webims.webrtc.dtls.DtlsCertificate certificate =
                org.webims.webrtc.dtls.DtlsCertificate.generate(Duration.ofDays(1));
        final java.util.concurrent.ExecutorService handshakes = java.util.concurrent.Executors.newSingleThreadExecutor();
        final org.webims.webrtc.ScriptedBrowser browser;

        ScriptedWeb() throws Exception {
            browser = new org.webims.webrtc.ScriptedBrowser();
        }

        @Override
        public void close() throws Exception {
            try {
                browser.close();
            } finally {
                handshakes.shutdownNow();
            }
        }
    }

    /** A call whose web side is {@code scripted}: the node's answer, then one real ICE check and the DTLS handshake. */
    private WebCall scriptedBrowserCall(ScriptedWeb scripted) throws Exception {
        org.webims.webrtc.dtls.DtlsCertificate certificate = scripted.certificate;
        WebCall call = new WebCall();
        call.offer = chromeOffer().replaceAll("a=fingerprint:[^\r\n]+", "a=fingerprint:" + certificate.fingerprint());
        call.answer();
        String answer = call.ok.body();
        int port = Integer.parseInt(answer.replaceAll("(?s).*m=audio (\\d+) .*", "$1"));
        scripted.browser.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port),
                sdpValue(answer, "ice-ufrag"), sdpValue(answer, "ice-pwd"), "Xk3b", answer, certificate, scripted.handshakes);
        return call;
    }

    /** The Reason of the BYE the IMS peer gets for {@code call} within {@code within}. */
    private String imsByeReason(WebCall call, Duration within, String when) throws Exception {
        RequestEvent imsBye = ims.nextRequest(Request.BYE, within);
        assertNotNull(imsBye, "BYE on the IMS leg " + when);
        assertEquals(call.imsCallId, ((CallIdHeader) imsBye.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
        return String.valueOf(imsBye.getRequest().getHeader("Reason"));
    }

    /** The media is released after the BYE is answered, by a round trip to the node: polled. */
    private void awaitNodesIdle(String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!media.callsPerNode().equals(List.of(0, 0)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(0, 0), media.callsPerNode(), what);
    }

    private static String sdpValue(String sdp, String name) {
        Matcher m = Pattern.compile("a=" + name + ":([^\\r\\n]+)").matcher(sdp);
        assertTrue(m.find(), "a=" + name + " in " + sdp);
        return m.group(1).strip();
    }

    /** The next BYE the web user gets on {@code callId}; BYEs of other calls would fail the test. */
    private SipText nextBye(String callId) throws InterruptedException {
        SipText bye = web.next("BYE", 0, LOSS);
        assertEquals(callId, bye.header("Call-ID"), "the BYE is for the call on the killed node");
        return bye;
    }

    private static String ok(SipText request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String via : request.all("Via")) {
            b.append("Via: ").append(via).append("\r\n");
        }
        for (String h : List.of("From", "To", "Call-ID", "CSeq")) {
            b.append(h).append(": ").append(request.header(h)).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String chromeOffer() throws Exception {
        return Files.readString(Path.of("../media-engine/src/test/resources/sdp/chrome-offer.sdp"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** An audio-only MTSI phone's answer: AMR-WB, the offered video refused with port 0 (RFC 3264 §6). */
    private static String mtsiAnswer(String imsOffer) {
        Matcher amr = Pattern.compile("a=rtpmap:(\\d+) AMR-WB/16000").matcher(imsOffer);
        assertTrue(amr.find(), imsOffer);
        String pt = amr.group(1);
        Matcher video = Pattern.compile("(?m)^m=video \\d+ RTP/AVP (\\d+)").matcher(imsOffer);
        return "v=0\r\no=ims-ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " AMR-WB/16000/1\r\n"
                + "a=fmtp:" + pt + " mode-change-capability=2;max-red=220\r\na=sendrecv\r\n"
                + (video.find() ? "m=video 0 RTP/AVP " + video.group(1) + "\r\n" : "");
    }

    /** One web user's call, written as JsSIP would (WebToImsCallTest has the single-call flows). */
    private final class WebCall {
        final String callId = UUID.randomUUID().toString();
        final String fromTag = "web" + SEQ.incrementAndGet();
        String imsCallId;
        RequestEvent imsInvite;
        SipText ok;
        /** The web user's offer; Chrome's recorded one unless set. */
        String offer;

        /** INVITE, the digest challenge, INVITE with credentials; the IMS side rings. */
        void ring() throws Exception {
            String offer = this.offer != null ? this.offer : chromeOffer();
            web.send(invite(1, null, offer));
            SipText challenge = web.next(callId, "INVITE", 200, WAIT);
            assertEquals(401, challenge.status(), challenge.startLine());
            String auth = Digest.authorization("alice", "alice-secret", "ims.test",
                    SipText.param(challenge.header("WWW-Authenticate"), "nonce"), "INVITE", CALLEE, 1, "i" + fromTag);
            web.send(invite(2, auth, offer));
            imsInvite = ims.nextRequest(Request.INVITE, WAIT);
            imsCallId = ((CallIdHeader) imsInvite.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
            ims.respond(imsInvite, 180, null);
            assertEquals(180, web.next(callId, "INVITE", 180, WAIT).status());
        }

        /** Rings, then the IMS side answers and both legs are acknowledged. */
        void answer() throws Exception {
            ring();
            ims.respond(imsInvite, 200, mtsiAnswer(ims.contentOf(imsInvite.getRequest())));
            ok = web.next(callId, "INVITE", 200, WAIT);
            assertEquals(200, ok.status(), ok.startLine() + " " + ok.header("Warning"));
            assertTrue(ok.body().contains("a=ice-lite"), ok.body());
            ims.nextRequest(Request.ACK, WAIT);
            web.send(inDialog("ACK", 2));
        }

        void hangUp() throws Exception {
            web.send(inDialog("BYE", 3));
            assertNotNull(ims.nextRequest(Request.BYE, WAIT));
            assertEquals(200, web.next(callId, "BYE", 200, WAIT).status());
        }

        private String invite(int cseq, String authorization, String sdp) {
            return "INVITE " + CALLEE + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/WS " + WebSocketSipPeer.INVALID_HOST + ";branch=z9hG4bKinv" + SEQ.incrementAndGet() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "To: <" + CALLEE + ">\r\n"
                    + "From: \"Alice\" <sip:alice@ims.test>;tag=" + fromTag + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " INVITE\r\n"
                    + "Contact: <sip:alicex@" + WebSocketSipPeer.INVALID_HOST + ";transport=ws;ob>\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Type: application/sdp\r\n"
                    + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
        }

        private String inDialog(String method, int cseq) {
            String target = ok.header("Contact").replaceAll(".*<([^>]+)>.*", "$1");
            return method + " " + target + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/WS " + WebSocketSipPeer.INVALID_HOST + ";branch=z9hG4bK" + method.toLowerCase()
                    + SEQ.incrementAndGet() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "To: " + ok.header("To") + "\r\n"
                    + "From: \"Alice\" <sip:alice@ims.test>;tag=" + fromTag + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " " + method + "\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }
    }
}
