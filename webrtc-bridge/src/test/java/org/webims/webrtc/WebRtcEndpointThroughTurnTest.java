package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.NewCandidatePairSelected;
import org.webims.webrtc.iceservers.CoturnProcess;
import org.webims.webrtc.iceservers.IceServerUrl;
import org.webims.webrtc.iceservers.IceServers;
import org.webims.webrtc.iceservers.TestCertificateAuthority;
import org.webims.webrtc.iceservers.TurnRestCredentials;

/**
 * A headless Chromium allowed only relayed candidates (iceTransportPolicy 'relay') reaches a
 * WebRtcEndpoint through a real coturn on loopback, with TURN REST credentials of ours: the
 * ICE-lite endpoint sees the browser at coturn's relay address, and the loopback media flows. Over
 * UDP ({@code turn:}) and over TLS ({@code turns:}, RFC 7065), where Chromium verifies the TURN
 * server's certificate as it does a web server's: a CA of the test's, trusted in the browser's own
 * NSS database only, makes it trusted; without it the browser gathers no relay candidate.
 */
class WebRtcEndpointThroughTurnTest {

    static final String SECRET = "turn-shared-secret-for-this-test";
    static final ObjectMapper JSON = new ObjectMapper();

    BrowserBed bed;
    CoturnProcess coturn;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        assumeTrue(CoturnProcess.installed(), "bin/setup installs Debian's coturn");
        bed = new BrowserBed(FormatAdapterFactory.NONE);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (bed != null) {
            bed.close();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void aBrowserForcedToRelayReachesTheEndpointThroughTurnAndItsMediaLoopsBack() throws Exception {
        coturn = new CoturnProcess(SECRET);
        relayedCallLoopsBack(bed.chrome(), coturn.turnUrl(), "udp");
    }

    @Test
    void aBrowserTrustingTheTurnServersCaReachesTheEndpointOverTurnsAndItsMediaLoopsBack(@TempDir Path dir)
            throws Exception {
        TestCertificateAuthority ca = coturnOverTls(dir);
        Path home = dir.resolve("home");
        ca.trustIn(home);
        relayedCallLoopsBack(bed.chrome(new HeadlessChromium.Launch(List.of(), home)), coturn.turnsUrl(), "tls");
    }

    @Test
    void aBrowserNotTrustingTheTurnServersCertificateGathersNoRelayCandidateOverTurns(@TempDir Path dir)
            throws Exception {
        coturnOverTls(dir);
        Path home = Files.createDirectories(dir.resolve("home")); // an NSS database of its own, without our CA
        HeadlessChromium chrome = bed.chrome(new HeadlessChromium.Launch(List.of(), home));
        chrome.call("useIceServers", servers(coturn.turnsUrl()).json("alice"), "relay");
        chrome.call("makeOffer", true, true, "VP8");
        JsonNode gathered = JSON.readTree(chrome.evaluateString("gathered()"));
        assertEquals(0, gathered.path("candidates").size(), "no relay candidate: " + gathered + "\n" + coturn.log());
        assertTrue(gathered.path("errors").toString().contains(coturn.turnsUrl()),
                "the browser reported the TURN server it could not use: " + gathered);
    }

    /** Starts {@link #coturn} with a TLS listener whose certificate a new test CA in {@code dir} signed. */
    private TestCertificateAuthority coturnOverTls(Path dir) throws Exception {
        assumeTrue(TestCertificateAuthority.installed(), "bin/setup installs Debian's openssl and libnss3-tools");
        TestCertificateAuthority ca = new TestCertificateAuthority(dir);
        coturn = CoturnProcess.withTls(SECRET, ca.certificate(), ca.key());
        return ca;
    }

    static IceServers servers(String url) {
        return new IceServers(List.of(), List.of(IceServerUrl.parse(url)),
                new TurnRestCredentials(SECRET, Duration.ofHours(1), Clock.systemUTC()));
    }

    /** The browser, given only {@code url} and the relay policy, calls a looped-back endpoint; the media flows. */
    private void relayedCallLoopsBack(HeadlessChromium chrome, String url, String relayProtocol) throws Exception {
        chrome.call("useIceServers", servers(url).json("alice"), "relay");
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline);
        endpoint.connect(endpoint);
        String offer = chrome.call("makeOffer", true, true, "VP8");
        assertTrue(offer.contains(" typ relay") || !offer.contains(" typ host"),
                "the browser offers no host candidate under the relay policy: " + offer);
        chrome.call("acceptAnswer", endpoint.processOffer(offer));
        bed.awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);

        JsonNode stats = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        assertTrue(WebRtcEndpointBrowserTest.flowing(stats), "frames decoded and audio heard back: " + stats + chrome.log());
        JsonNode pair = chrome.pollJson("selectedPair()", p -> p.has("localType"), BrowserBed.MEDIA_WAIT);
        assertEquals("relay", pair.path("localType").asText(), "the browser's selected pair: " + pair);
        assertEquals(relayProtocol, pair.path("relayProtocol").asText(), "browser to TURN server: " + pair);

        // under load the browser may move to its second relay allocation after its first pick, so the
        // pair our endpoint selected for the browser's final choice is awaited, not its first one
        String chosen = pair.path("local").asText();
        NewCandidatePairSelected selected = bed.awaitEvent(NewCandidatePairSelected.class,
                e -> e.element() == endpoint && e.candidatePair().remoteCandidate().equals(chosen));
        String remote = selected.candidatePair().remoteCandidate();
        int port = Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1));
        assertTrue(remote.startsWith("127.0.0.1:") && coturn.isRelayPort(port),
                "our endpoint's selected pair is coturn's relay address: " + remote + "\n" + coturn.log());
        assertEquals(0, endpoint.mediaStats().droppedUnprotect(), "every SRTP packet authenticated");
    }
}
