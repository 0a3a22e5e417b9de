package org.webims.testims.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.core.TestImsCore;
import org.webims.testims.core.hss.HssProfileParser;
import org.webims.testims.net.FreePorts;
import org.webims.testims.ua.ImsIdentity;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * The whole chain on loopback for browser end-to-end tests: a test IMS core (P-/S-CSCF, HSS
 * file) with registered IMS UAs, the gateway in this JVM with the interworking application
 * routing web calls to the S-CSCF, and headless Chromium on the gateway's own demo page (stock
 * JsSIP from the npm registry, fake camera and microphone).
 */
final class JsSipBed implements AutoCloseable {
    static final String DOMAIN = "ims.test";
    static final String WEB_USER = "alice";
    static final String WEB_PASSWORD = "alice-secret";
    /** The web user's IMS public identity, which IMS users call. */
    static final String WEB_IMPU = "sip:+4930111@" + DOMAIN;
    static final Duration WAIT = Duration.ofSeconds(30);
    /** How long media may take to show at the far end (codecs warming up on a shared machine). */
    static final Duration MEDIA_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * getUserMedia audio constraints for tests that look for the fake microphone's beep: it is a
     * stationary signal that Chromium's noise suppression and gain control fade out.
     */
    static final Map<String, Boolean> UNPROCESSED_AUDIO = Map.of("echoCancellation", false,
            "noiseSuppression", false, "autoGainControl", false);

    private final TestImsCore core;
    private final Gateway gateway;
    private final List<ImsUserAgent> agents = new ArrayList<>();
    private final int wsPort;
    private int[] mediaPorts;
    private HeadlessChromium chromium;

    JsSipBed(Path dir, String... imsUsers) throws Exception {
        this(dir, List.of(), imsUsers);
    }

    /** As {@link #JsSipBed(Path, String...)}, the gateway given {@code gatewayArgs} as well (e.g. a carrier profile). */
    JsSipBed(Path dir, List<String> gatewayArgs, String... imsUsers) throws Exception {
        int sip = FreePorts.tcpAndUdp();
        StringBuilder hss = new StringBuilder("<hss domain=\"" + DOMAIN + "\">\n");
        for (String user : imsUsers) {
            hss.append("  <subscriber impi=\"").append(user).append('@').append(DOMAIN).append("\" password=\"")
                    .append(user).append("-secret\">\n    <service-profile>\n      <public-identity>sip:")
                    .append(user).append('@').append(DOMAIN).append("</public-identity>\n    </service-profile>\n")
                    .append("  </subscriber>\n");
        }
        // the web user's IMPU: its terminating INVITEs go to the gateway on ISC, registered or not
        // (TS 24.229 §5.4.3.3; the S-CSCF evaluates the iFC, TS 29.228 Annex B)
        hss.append("  <subscriber impi=\"web@").append(DOMAIN).append("\" password=\"-\">\n    <service-profile>\n")
                .append("      <public-identity>").append(WEB_IMPU).append("</public-identity>\n");
        for (String sessionCase : List.of("terminating-unregistered", "terminating-registered")) {
            hss.append("      <ifc priority=\"").append(sessionCase.endsWith("-registered") ? 1 : 0)
                    .append("\" method=\"INVITE\" session-case=\"").append(sessionCase)
                    .append("\" as=\"sip:127.0.0.1:").append(sip).append("\" default-handling=\"SESSION_TERMINATED\"/>\n");
        }
        hss.append("    </service-profile>\n  </subscriber>\n");
        Path hssFile = Files.writeString(dir.resolve("hss.xml"), hss.append("</hss>\n"));
        core = new TestImsCore(HssProfileParser.parse(hssFile), "127.0.0.1", FreePorts.tcpAndUdp(),
                FreePorts.tcpAndUdp(), Duration.ofSeconds(2));
        Gateway started = null;
        try {
            Path users = Files.writeString(dir.resolve("users"), WEB_USER + " " + WEB_PASSWORD + " " + WEB_IMPU + "\n");
            wsPort = FreePorts.tcpAndUdp();
            int media = mediaRangeStart();
            mediaPorts = new int[] {media, media + 199};
            List<String> args = new ArrayList<>(List.of(
                    "--sip.udp.listen=127.0.0.1:" + sip, "--sip.tcp.listen=127.0.0.1:" + sip,
                    "--sip.ws.listen=127.0.0.1:" + wsPort, "--http.listen=127.0.0.1:" + FreePorts.tcpAndUdp(),
                    "--kurento.listen=off", "--demo.ims=off", "--media.ports=" + media + "-" + (media + 199),
                    "--interworking.domain=" + DOMAIN, "--interworking.users=" + users,
                    "--interworking.ims-next-hop=" + core.scscfUri()));
            args.addAll(gatewayArgs);
            started = Gateway.start(GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(args)));
        } catch (Exception e) {
            core.close();
            throw e;
        }
        gateway = started;
    }

    /** The start of the gateway's 200 media ports, where no peer's port is drawn ({@link FreePorts#mediaRange}). */
    private static int mediaRangeStart() {
        return FreePorts.mediaRange(200);
    }

    /** Starts an IMS UA for {@code user} and registers it through the P-CSCF. */
    ImsUserAgent imsUser(String user, ImsUaOptions options) throws Exception {
        ImsUserAgent ua = new ImsUserAgent(new ImsIdentity("sip:" + user + "@" + DOMAIN, user + "@" + DOMAIN,
                user + "-secret", DOMAIN), core.pcscfUri(), options);
        agents.add(ua);
        int status = ua.register(3600, WAIT).getStatusCode();
        if (status != 200) {
            throw new IllegalStateException("IMS user " + user + " could not register: " + status);
        }
        return ua;
    }

    /** Chromium on the gateway's demo page, the web user registered over the SIP WebSocket. */
    HeadlessChromium registeredBrowser() throws Exception {
        browser();
        browserRegisters(WEB_PASSWORD);
        JsonNode state = page(s -> !"pending".equals(s.path("registered").asText()));
        if (!"yes".equals(state.path("registered").asText())) {
            throw new IllegalStateException("JsSIP did not register: " + state + "\n" + chromium.log());
        }
        return chromium;
    }

    /** Chromium on the gateway's demo page (origin http://127.0.0.1:PORT), nothing registered yet. */
    HeadlessChromium browser() throws Exception {
        int http = gateway.settings().http().port();
        chromium = new HeadlessChromium("http://127.0.0.1:" + http + "/", "window.webims && window.webims.ready");
        return chromium;
    }

    /**
     * JsSIP starts connecting the SIP WebSocket to register the web user with {@code password}
     * (the page's registered state goes from "pending" to "yes" or "failed: CAUSE"); the
     * WebSocket's failures are counted from now on ({@link #browserWebSocketFailures}).
     */
    void browserRegisters(String password) throws Exception {
        chromium.call("webims.register", WEB_USER, password, DOMAIN, "ws://127.0.0.1:" + wsPort);
        chromium.evaluate("(() => { webims.state.wsFailures = 0; webims.state.ua.on('disconnected', (e) => {"
                + " if (e.error) { webims.state.wsFailures++; } }); return 'listening'; })()");
    }

    /** How many times the page's SIP WebSocket failed to connect or was closed with an error. */
    int browserWebSocketFailures() throws Exception {
        return Integer.parseInt(chromium.evaluateString("String(webims.state.wsFailures || 0)"));
    }

    /** The page's JsSIP UA has its SIP WebSocket open. */
    boolean browserConnected() throws Exception {
        return Boolean.parseBoolean(chromium.evaluateString("String(webims.state.ua.isConnected())"));
    }

    /** Polls the page's {@code webims.inbound()} until {@code done}; the last state either way. */
    JsonNode page(Predicate<JsonNode> done) throws Exception {
        return chromium.pollJson("webims.inbound()", done, WAIT);
    }

    /**
     * The browser calls {@code target} (audio, unprocessed) through the page; the status of the
     * response that fails the call, if one does, is kept from JsSIP's 'failed' event. Both happen
     * in one evaluation, before any event of the session can fire.
     */
    void browserCalls(String target) throws Exception {
        chromium.evaluate("(() => { webims.call(" + JSON.writeValueAsString(target) + ", false, "
                + JSON.writeValueAsString(UNPROCESSED_AUDIO) + "); webims.state.failedStatus = 0;"
                + " webims.state.session.on('failed', (e) => { webims.state.failedStatus ="
                + " e.message && e.message.status_code ? e.message.status_code : 0; }); return 'calling'; })()");
    }

    /**
     * As {@link #browserCalls}, but every payload format of the offer JsSIP sends is renamed to an
     * encoding no one has (the browser's own description is left alone): no codec in common. The
     * failing response's status and Warning are kept (failedStatus, failedWarning).
     */
    void browserCallsOfferingNoKnownCodec(String target) throws Exception {
        chromium.evaluate("(() => { webims.call(" + JSON.writeValueAsString(target) + ", false, "
                + JSON.writeValueAsString(UNPROCESSED_AUDIO) + "); const s = webims.state.session;"
                + " webims.state.failedStatus = 0; webims.state.failedWarning = '';"
                + " s.on('sdp', (e) => { if (e.originator === 'local') {"
                + " e.sdp = e.sdp.replace(/a=rtpmap:(\\d+) [^\\r\\n]+/g, 'a=rtpmap:$1 x-nobody/8000'); } });"
                + " s.on('failed', (e) => { webims.state.failedStatus = e.message && e.message.status_code"
                + " ? e.message.status_code : 0; webims.state.failedWarning = e.message && e.message.getHeader"
                + " ? (e.message.getHeader('Warning') || '') : ''; }); return 'calling'; })()");
    }

    /** The status and Warning of the response that failed the browser's last call (0 and "" if none did). */
    JsonNode browserCallFailure() throws Exception {
        return JSON.readTree(chromium.evaluateString("JSON.stringify({ status: webims.state.failedStatus || 0,"
                + " warning: webims.state.failedWarning || '' })"));
    }

    /**
     * The browser's selected ICE pair on its call: the local candidate's type and address:port,
     * the remote one's address:port, and the bytes received on it.
     */
    JsonNode browserSelectedPair() throws Exception {
        return JSON.readTree(chromium.evaluateString("""
                (async () => {
                  const report = await webims.state.session.connection.getStats();
                  let out = {};
                  report.forEach((s) => {
                    if (s.type === 'transport' && s.selectedCandidatePairId) {
                      const p = report.get(s.selectedCandidatePairId);
                      const local = report.get(p.localCandidateId);
                      const remote = report.get(p.remoteCandidateId);
                      out = {localType: local.candidateType, local: local.address + ':' + local.port,
                             remote: remote.address + ':' + remote.port, bytesReceived: p.bytesReceived};
                    }
                  });
                  return JSON.stringify(out);
                })()"""));
    }

    /** Ends the browser's call with JsSIP's terminate(): CANCEL before the answer, BYE after. */
    void browserHangsUp() throws Exception {
        chromium.call("webims.hangup");
    }

    /** Puts the call on hold with JsSIP's RTCSession.hold() (a re-INVITE); holdDone once it succeeded. */
    void browserHolds() throws Exception {
        String started = chromium.evaluateString("webims.state.holdDone = false;"
                + " String(webims.state.session.hold({}, () => { webims.state.holdDone = true; }))");
        if (!"true".equals(started)) {
            throw new IllegalStateException("JsSIP would not hold: " + session(s -> true));
        }
    }

    /** Resumes the call with JsSIP's RTCSession.unhold(); unholdDone once it succeeded. */
    void browserResumes() throws Exception {
        String started = chromium.evaluateString("webims.state.unholdDone = false;"
                + " String(webims.state.session.unhold({}, () => { webims.state.unholdDone = true; }))");
        if (!"true".equals(started)) {
            throw new IllegalStateException("JsSIP would not resume: " + session(s -> true));
        }
    }

    /**
     * JsSIP's own view of the current call, polled until {@code done}: its hold state
     * (isOnHold()), whether the last hold()/unhold() succeeded, the page's call state and cause,
     * and the status of the response that failed it.
     */
    JsonNode session(Predicate<JsonNode> done) throws Exception {
        return chromium.pollJson("JSON.stringify((() => { const s = webims.state.session;"
                + " const h = s ? s.isOnHold() : { local: false, remote: false };"
                + " return { localHold: h.local, remoteHold: h.remote, holdDone: !!webims.state.holdDone,"
                + " unholdDone: !!webims.state.unholdDone, status: webims.state.failedStatus || 0,"
                + " call: webims.state.call, cause: webims.state.cause }; })())", done, WAIT);
    }

    /**
     * Sends {@code tones} with JsSIP's RTCSession.sendDTMF over {@code transport}: "INFO" (SIP
     * INFO application/dtmf-relay) or "RFC2833" (the browser's RTCDTMFSender, RFC 4733 events).
     */
    void browserSendsDtmf(String tones, String transport) throws Exception {
        chromium.evaluate("(() => { webims.state.session.sendDTMF(" + JSON.writeValueAsString(tones)
                + ", { duration: 160, interToneGap: 200, transportType: " + JSON.writeValueAsString(transport)
                + " }); return 'sent'; })()");
    }

    /** From now on, the tones of the far party's DTMF JsSIP reports ('newDTMF', originator remote) are kept. */
    void browserListensForDtmf() throws Exception {
        chromium.evaluate("(() => { webims.state.dtmfIn = ''; webims.state.session.on('newDTMF', (e) => {"
                + " if (e.originator === 'remote') { webims.state.dtmfIn += e.dtmf.tone; } }); return 'ok'; })()");
    }

    /** The far party's DTMF tones JsSIP reported since {@link #browserListensForDtmf}. */
    String browserDtmfReceived() throws Exception {
        return chromium.evaluateString("String(webims.state.dtmfIn || '')");
    }

    /**
     * Adds the fake camera's track to the call's peer connection without renegotiating (JsSIP
     * leaves 'negotiationneeded' alone): the next offer with a new video m-line, a re-INVITE from
     * the far end, takes it up and the browser answers sendrecv (JSEP §5.10: an unassociated
     * transceiver made by addTrack is matched to a new m-line of its kind).
     */
    void browserAddsCamera() throws Exception {
        chromium.evaluate("(async () => { const s = await navigator.mediaDevices.getUserMedia({ video: true });"
                + " webims.state.session.connection.addTrack(s.getVideoTracks()[0], s); return 'added'; })()");
    }

    /**
     * Adds the fake camera to the call and renegotiates with JsSIP's RTCSession.renegotiate(): a
     * re-INVITE whose offer has a new video m-line (RFC 3264 §8.1); renegotiated once it succeeded.
     */
    void browserAddsVideoByReInvite() throws Exception {
        chromium.evaluate("(async () => { const s = await navigator.mediaDevices.getUserMedia({ video: true });"
                + " webims.state.renegotiated = false; webims.state.session.connection.addTrack(s.getVideoTracks()[0], s);"
                + " return String(webims.state.session.renegotiate({}, () => { webims.state.renegotiated = true; })); })()");
    }

    /** Whether the renegotiation {@link #browserAddsVideoByReInvite} started has succeeded. */
    boolean browserRenegotiated() throws Exception {
        return Boolean.parseBoolean(chromium.evaluateString("String(!!webims.state.renegotiated)"));
    }

    /**
     * The call's transceivers as the browser sees them, polled until {@code done}: kind, mid and
     * current direction ('stopped' once its m-line is rejected).
     */
    JsonNode browserTransceivers(Predicate<JsonNode> done) throws Exception {
        return chromium.pollJson("JSON.stringify(webims.state.session.connection.getTransceivers().map((t) =>"
                + " ({ kind: t.receiver.track.kind, mid: t.mid, direction: t.currentDirection || '' })))", done, WAIT);
    }

    /** Forgets the loudest level heard so far: what plays from now on sets it again. */
    void resetPeak() throws Exception {
        chromium.evaluate("webims.state.peak = 0; webims.state.dominantHz = 0; webims.state.tones = {}; 'ok'");
    }

    /** Polls {@code condition} until it holds or {@link #MEDIA_WAIT} has passed; whether it held. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Whether every web leg the gateway's media node holds has its DTLS-SRTP association up (at least one). */
    boolean gatewayWebLegConnected() {
        List<org.webims.webrtc.WebRtcEndpoint> legs = gateway.media().engine().pipelines().stream()
                .flatMap(p -> p.elements().stream())
                .filter(e -> e instanceof org.webims.webrtc.WebRtcEndpoint).map(e -> (org.webims.webrtc.WebRtcEndpoint) e)
                .toList();
        return !legs.isEmpty() && legs.stream().allMatch(w -> w.dtlsState() == org.webims.webrtc.dtls.DtlsSession.State.CONNECTED);
    }

    /** Waits until the gateway's media node has no pipeline left (every call's media released). */
    boolean mediaReleased() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!gateway.media().engine().pipelines().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** What calls hold now: the gateway's /health counters, media-range UDP sockets, threads. */
    CallResources resources() throws Exception {
        return CallResources.read(gateway.settings().http().port(), mediaPorts[0], mediaPorts[1]);
    }

    /**
     * Waits until what calls hold is back to {@code idle} (threads within {@code allowance});
     * what is still above it, empty once idle.
     */
    List<String> awaitIdle(CallResources idle, Map<String, Integer> allowance) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> above = resources().above(idle, allowance);
        while (!above.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            above = resources().above(idle, allowance);
        }
        return above;
    }

    @Override
    public void close() {
        if (chromium != null) {
            chromium.close();
        }
        agents.forEach(ImsUserAgent::close);
        gateway.close();
        core.close();
    }
}
