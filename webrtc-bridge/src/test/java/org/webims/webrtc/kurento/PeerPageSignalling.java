package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.JSON;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.MEDIA_WAIT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.kurento.client.DtlsConnectionState;
import org.kurento.client.DtlsConnectionStateChangeEvent;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.IceGatheringDoneEvent;
import org.kurento.client.WebRtcEndpoint;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * The Kurento tutorials' ICE signalling between a WebRtcEndpoint (through kurento-client) and the
 * peer page's {@code pc}: listen before the descriptions are exchanged, then trickle candidates
 * both ways and wait for DTLS.
 */
final class PeerPageSignalling {

    private final WebRtcEndpoint endpoint;
    private final BlockingQueue<IceCandidateFoundEvent> found = new LinkedBlockingQueue<>();
    private final BlockingQueue<IceGatheringDoneEvent> gathered = new LinkedBlockingQueue<>();
    private final BlockingQueue<DtlsConnectionStateChangeEvent> dtls = new LinkedBlockingQueue<>();

    /** Subscribes to the endpoint's ICE and DTLS events; call before the offer/answer exchange. */
    PeerPageSignalling(WebRtcEndpoint endpoint) {
        this.endpoint = endpoint;
        endpoint.addIceCandidateFoundListener(found::add);
        endpoint.addIceGatheringDoneListener(gathered::add);
        endpoint.addDtlsConnectionStateChangeListener(dtls::add);
    }

    /** Once the descriptions are exchanged: gathers, trickles both ways, returns when DTLS is connected. */
    DtlsConnectionStateChangeEvent connect(HeadlessChromium chrome) throws Exception {
        trickle(chrome, candidate -> true, 1);
        return connected();
    }

    /**
     * Gathers, waits for at least {@code atLeast} IceCandidateFound, hands the browser those
     * {@code told} accepts and the endpoint the browser's; returns every candidate announced.
     */
    List<String> trickle(HeadlessChromium chrome, Predicate<String> told, int atLeast) throws Exception {
        endpoint.gatherCandidates();
        assertNotNull(gathered.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS), "IceGatheringDone");
        // kurento-client hands events to listeners on a pool: the candidates may follow IceGatheringDone
        List<IceCandidateFoundEvent> candidates = new ArrayList<>();
        while (candidates.size() < atLeast) {
            IceCandidateFoundEvent e = found.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(e, "IceCandidateFound, " + candidates.size() + " of " + atLeast);
            candidates.add(e);
        }
        found.drainTo(candidates);
        List<String> announced = new ArrayList<>();
        for (IceCandidateFoundEvent e : candidates) {
            IceCandidate c = e.getCandidate();
            announced.add(c.getCandidate());
            if (told.test(c.getCandidate())) {
                chrome.evaluate("pc.addIceCandidate(" + JSON.writeValueAsString(Map.of("candidate", c.getCandidate(),
                        "sdpMid", c.getSdpMid(), "sdpMLineIndex", c.getSdpMLineIndex())) + ").then(() => 'ok')");
            }
        }
        for (String candidate : KurentoWebRtcEndpointTest.browserCandidates(chrome)) {
            endpoint.addIceCandidate(new IceCandidate(candidate, "0", 0));
        }
        return announced;
    }

    /** Waits for DTLS to connect. */
    DtlsConnectionStateChangeEvent connected() throws InterruptedException {
        return KurentoWebRtcEndpointTest.await(dtls, e -> e.getState() == DtlsConnectionState.CONNECTED);
    }
}
