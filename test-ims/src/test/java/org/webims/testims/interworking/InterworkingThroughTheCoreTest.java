package org.webims.testims.interworking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.testims.agent.SipMessageFactories;
import org.webims.testims.agent.WebSocketSipClient;
import org.webims.testims.core.TestImsCore;
import org.webims.testims.core.hss.HssProfileParser;
import org.webims.testims.net.FreePorts;
import org.webims.testims.sip.Digest;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsIdentity;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.webrtc.WebRtcEndpoint;
import org.webims.webrtc.WebRtcEndpointContext;
import org.webims.webrtc.WebRtcEndpointSettings;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.testims.lifecycle.ParallelClose;

/**
 * Calls between a web user and an IMS phone end to end through the test IMS core, the gateway's
 * interworking application in-process. IMS -> web: the S-CSCF's terminating iFC (HSS file) sends
 * the INVITE over ISC to the application with its ODI, which rings the web user on its SIP
 * WebSocket. Web -> IMS: the application's INVITE goes to the S-CSCF and on through the P-CSCF to
 * the phone. The web user's WebRTC stack is a stand-in (our own WebRtcEndpoint, or a recorded
 * Chrome offer; the Chromium tests run a real browser).
 */
class InterworkingThroughTheCoreTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final List<AutoCloseable> started = new ArrayList<>();
    private final SipMessageFactories sip = new SipMessageFactories();
    @TempDir Path dir;
    private Gateway gateway;
    private TestImsCore core;
    private int wsPort;

    @AfterEach
    void stop() throws Exception {
        ParallelClose.all(started);
    }

    private void start() throws Exception {
        int sipPort = FreePorts.tcpAndUdp();
        wsPort = FreePorts.tcpAndUdp();
        Path hss = dir.resolve("hss.xml");
        Files.writeString(hss, "<hss domain=\"ims.test\">\n"
                + subscriber("alice", "<ifc priority=\"0\" method=\"INVITE\" session-case=\"terminating-unregistered\" as=\"sip:127.0.0.1:"
                        + sipPort + "\" default-handling=\"SESSION_TERMINATED\"/>")
                + subscriber("bob", "") + "</hss>\n");
        core = new TestImsCore(HssProfileParser.parse(hss), "127.0.0.1", FreePorts.tcpAndUdp(), FreePorts.tcpAndUdp(),
                Duration.ofSeconds(5));
        started.add(core);
        Path users = dir.resolve("users");
        Files.writeString(users, "alice alice-secret sip:alice@ims.test\n");
        int media = FreePorts.mediaRange(100);
        gateway = Gateway.start(GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + sipPort, "--sip.tcp.listen=127.0.0.1:" + sipPort,
                "--sip.ws.listen=127.0.0.1:" + wsPort, "--kurento.listen=off",
                "--demo.ims=off", // this test's own core; the demo one listens on fixed ports
                "--http.listen=127.0.0.1:" + FreePorts.tcpAndUdp(), "--media.ports=" + media + "-" + (media + 99),
                "--interworking.domain=ims.test", "--interworking.users=" + users,
                "--interworking.ims-next-hop=sip:" + core.scscfUri().getHost() + ":" + core.scscfUri().getPort()))));
        started.add(gateway);
    }

    private static String subscriber(String user, String ifc) {
        return "  <subscriber impi=\"" + user + "@ims.test\" password=\"" + user + "-secret\">\n    <service-profile>\n"
                + "      <public-identity>sip:" + user + "@ims.test</public-identity>\n      " + ifc
                + "\n    </service-profile>\n  </subscriber>\n";
    }

    private static String register(int cseq, String authorization) {
        return "REGISTER sip:ims.test SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + WebSocketSipClient.INVALID_HOST + ";branch=z9hG4bKe2e" + cseq + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:alice@ims.test>\r\nFrom: <sip:alice@ims.test>;tag=e2ereg\r\n"
                + "Call-ID: e2e-register\r\nCSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:alicex@" + WebSocketSipClient.INVALID_HOST + ";transport=ws>;expires=600\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    private static Message next(WebSocketSipClient web, String what) throws Exception {
        byte[] raw = web.receiveRaw(WAIT);
        assertNotNull(raw, "the web user got no " + what);
        return new StringMsgParser().parseSIPMessage(raw, true, false, null);
    }

    private void registerAlice(WebSocketSipClient web) throws Exception {
        web.sendRaw(register(1, null).getBytes(StandardCharsets.UTF_8), WAIT);
        Response challenge = (Response) next(web, "401");
        assertEquals(401, challenge.getStatusCode());
        String www = challenge.getHeader("WWW-Authenticate").toString();
        String nonce = www.replaceAll("(?s).*nonce=\"([^\"]+)\".*", "$1");
        String response = Digest.response("alice", "ims.test", "alice-secret", "REGISTER", "sip:ims.test", nonce,
                "00000001", "e2ecnonce", "auth");
        String auth = "Digest username=\"alice\", realm=\"ims.test\", nonce=\"" + nonce + "\", uri=\"sip:ims.test\", "
                + "response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"e2ecnonce\"";
        web.sendRaw(register(2, auth).getBytes(StandardCharsets.UTF_8), WAIT);
        assertEquals(200, ((Response) next(web, "200 to REGISTER")).getStatusCode());
    }

    private void reply(WebSocketSipClient web, Request request, int status, String sdp) throws Exception {
        Response r = sip.messages().createResponse(status, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag("alice-e2e");
        }
        if (status > 100 && status < 300 && Request.INVITE.equals(request.getMethod())) {
            r.addHeader(sip.headers().createContactHeader(sip.addresses().createAddress(
                    "<sip:alicex@" + WebSocketSipClient.INVALID_HOST + ";transport=ws>")));
        }
        if (sdp != null) {
            r.setContent(sdp, (ContentTypeHeader) sip.headers().createContentTypeHeader("application", "sdp"));
        }
        web.sendRaw(r.toString().getBytes(StandardCharsets.UTF_8), WAIT);
    }

    @Test
    void imsPhoneCallsTheWebUserThroughTheScscfsTerminatingFilterAndHangsUp() throws Exception {
        start();
        WebSocketSipClient web = new WebSocketSipClient("127.0.0.1", wsPort, WAIT);
        started.add(web);
        registerAlice(web);
        ImsUserAgent bob = new ImsUserAgent(new ImsIdentity("sip:bob@ims.test", "bob@ims.test", "bob-secret", "ims.test"),
                core.pcscfUri(), ImsUaOptions.defaults());
        started.add(bob);
        assertEquals(200, bob.register(3600, WAIT).getStatusCode());

        ImsCall call = bob.call("sip:alice@ims.test");
        Request invite = (Request) next(web, "INVITE");
        assertEquals(Request.INVITE, invite.getMethod());
        assertTrue(invite.getHeader("From").toString().contains("sip:bob@ims.test"), invite.toString());
        String offer = new String(invite.getRawContent(), StandardCharsets.UTF_8);
        assertTrue(offer.contains("a=fingerprint:sha-256") && offer.contains("UDP/TLS/RTP/SAVPF"), offer);

        ExecutorService handshakes = Executors.newSingleThreadExecutor();
        MediaPipeline browserPipeline = gateway.media().engine().createPipeline();
        started.add(browserPipeline::release);
        started.add(handshakes::shutdownNow);
        WebRtcEndpoint browser = new WebRtcEndpoint(browserPipeline, new WebRtcEndpointContext(gateway.media().webPorts(),
                gateway.media().io(), DtlsCertificate.generate(Duration.ofDays(1)), handshakes, Optional.empty()),
                WebRtcEndpointSettings.defaults());
        reply(web, invite, 180, null);
        reply(web, invite, 200, browser.processOffer(offer));
        Response ok = call.awaitFinalResponse(WAIT);
        assertEquals(200, ok.getStatusCode(), call.inviteStatuses().toString());
        assertTrue(call.inviteStatuses().contains(180), call.inviteStatuses().toString());
        String answer = new String(ok.getRawContent(), StandardCharsets.UTF_8);
        assertTrue(answer.contains("AMR-WB/16000") && answer.contains("RTP/AVP"), answer);
        assertEquals(Request.ACK, ((Request) next(web, "ACK")).getMethod());

        assertEquals(200, call.hangUp(WAIT).getStatusCode());
        Request bye = (Request) next(web, "BYE");
        assertEquals(Request.BYE, bye.getMethod());
        reply(web, bye, 200, null);
        assertEquals(0, core.scscf().originalDialogIdentifiers().pendingCount(), "the ODI is used up");
    }

    @Test
    void webUserCallsImsPhoneThroughTheCore() throws Exception {
        start();
        WebSocketSipClient web = new WebSocketSipClient("127.0.0.1", wsPort, WAIT);
        started.add(web);
        registerAlice(web);
        ImsUserAgent bob = new ImsUserAgent(new ImsIdentity("sip:bob@ims.test", "bob@ims.test", "bob-secret", "ims.test"),
                core.pcscfUri(), ImsUaOptions.defaults().withAutoAnswer(false));
        started.add(bob);
        assertEquals(200, bob.register(3600, WAIT).getStatusCode());

        String offer = Files.readString(Path.of("../media-engine/src/test/resources/sdp/chrome-offer.sdp"))
                .replace("\r\n", "\n").replace("\n", "\r\n");
        web.sendRaw(webInvite(1, null, offer).getBytes(StandardCharsets.UTF_8), WAIT);
        Response challenge = finalResponse(web, new ArrayList<>());
        assertEquals(401, challenge.getStatusCode());
        String nonce = challenge.getHeader("WWW-Authenticate").toString().replaceAll("(?s).*nonce=\"([^\"]+)\".*", "$1");
        String digest = Digest.response("alice", "ims.test", "alice-secret", "INVITE", "sip:bob@ims.test", nonce,
                "00000001", "e2einv", "auth");
        web.sendRaw(webInvite(2, "Digest username=\"alice\", realm=\"ims.test\", nonce=\"" + nonce
                + "\", uri=\"sip:bob@ims.test\", response=\"" + digest + "\", algorithm=MD5, qop=auth, nc=00000001, "
                + "cnonce=\"e2einv\"", offer).getBytes(StandardCharsets.UTF_8), WAIT);

        ImsCall atBob = bob.awaitIncomingCall(WAIT);
        assertNotNull(atBob, "bob's phone rang");
        Request invite = atBob.invite();
        assertTrue(invite.getHeader("P-Asserted-Identity").toString().contains("sip:alice@ims.test"), invite.toString());
        assertTrue(invite.getHeader("P-Charging-Vector").toString().contains("icid-value="), invite.toString());
        String mtsi = new String(invite.getRawContent(), StandardCharsets.UTF_8);
        assertTrue(mtsi.contains("AMR-WB/16000") && !mtsi.contains("a=ice-"), mtsi);
        atBob.answer(); // at once: the phone has rung and has its answer when the test gets the call
        List<Integer> provisional = new ArrayList<>();
        Response ok = finalResponse(web, provisional);
        assertEquals(200, ok.getStatusCode(), ok + "\nbob received: " + bob.received());
        assertTrue(provisional.contains(180), "the web user heard the ringing: " + provisional);
        assertTrue(ok.getRawContent() != null
                && new String(ok.getRawContent(), StandardCharsets.UTF_8).contains("a=fingerprint:sha-256"), ok.toString());
        atBob.awaitAck(WAIT); // the AS acknowledged the IMS leg through the S-CSCF and P-CSCF
    }

    /** The next final response; the statuses of the provisional ones before it go to {@code provisional}. */
    private static Response finalResponse(WebSocketSipClient web, List<Integer> provisional) throws Exception {
        while (true) {
            Message m = next(web, "a final response");
            if (m instanceof Response r) {
                if (r.getStatusCode() >= 200) {
                    return r;
                }
                provisional.add(r.getStatusCode());
            }
        }
    }

    private static String webInvite(int cseq, String authorization, String sdp) {
        return "INVITE sip:bob@ims.test SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + WebSocketSipClient.INVALID_HOST + ";branch=z9hG4bKe2einv" + cseq + "\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:bob@ims.test>\r\nFrom: <sip:alice@ims.test>;tag=e2einv\r\n"
                + "Call-ID: e2e-invite\r\nCSeq: " + cseq + " INVITE\r\n"
                + "Contact: <sip:alicex@" + WebSocketSipClient.INVALID_HOST + ";transport=ws;ob>\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + sdp;
    }
}
