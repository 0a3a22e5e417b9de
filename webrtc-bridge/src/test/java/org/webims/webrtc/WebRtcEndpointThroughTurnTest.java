package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.NewCandidatePairSelected;
import org.webims.webrtc.iceservers.CoturnProcess;
import org.webims.webrtc.iceservers.IceServerUrl;
import org.webims.webrtc.iceservers.IceServers;
import org.webims.webrtc.iceservers.TurnRestCredentials;

/**
 * A headless Chromium allowed only relayed candidates (iceTransportPolicy 'relay') reaches a
 * WebRtcEndpoint through a real coturn on loopback, with TURN REST credentials of ours: the
 * ICE-lite endpoint sees the browser at coturn's relay address, and the loopback media flows.
 */
class WebRtcEndpointThroughTurnTest {

    static final String SECRET = "turn-shared-secret-for-this-test";

    BrowserBed bed;
    CoturnProcess coturn;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        assumeTrue(CoturnProcess.installed(), "bin/setup installs Debian's coturn");
        coturn = new CoturnProcess(SECRET);
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
        IceServers servers = new IceServers(List.of(), List.of(IceServerUrl.parse(coturn.turnUrl())),
                new TurnRestCredentials(SECRET, Duration.ofHours(1), Clock.systemUTC()));
        HeadlessChromium chrome = bed.chrome();
        chrome.call("useIceServers", servers.json("alice"), "relay");
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
        assertEquals("udp", pair.path("relayProtocol").asText(), pair.toString());

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
