package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.MEDIA_WAIT;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.DtlsConnectionState;
import org.kurento.client.DtlsConnectionStateChangeEvent;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.IceGatheringDoneEvent;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaFlowInStateChangedEvent;
import org.kurento.client.MediaFlowOutStateChangedEvent;
import org.kurento.client.MediaFlowState;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.RTCInboundRTPStreamStats;
import org.kurento.client.RTCOutboundRTPStreamStats;
import org.kurento.client.Stats;
import org.kurento.client.StatsType;
import org.kurento.client.WebRtcEndpoint;
import org.webims.media.kurento.KurentoServerSettings;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.browser.PeerPageServer;

/**
 * Kurento's one-to-many tutorial: one browser presents (sendonly), browsers view (recvonly),
 * the presenter's WebRtcEndpoint connected to each viewer's, all signalled by the stock
 * kurento-client with trickled candidates both ways. The three peer connections live in one
 * headless Chromium page (browser/one-to-many.html), which decodes what each viewer receives.
 */
class KurentoOneToManyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    MediaNodeServer node;
    KurentoClient client;
    PeerPageServer page;
    HeadlessChromium chrome;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        node = MediaNodeServer.start(MediaNodeSettings.loopback(KurentoWebRtcEndpointTest.freeRange(40)),
                KurentoServerSettings.defaults().withPort(0).withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(500)));
        client = KurentoClient.create(node.uri().toString());
        page = new PeerPageServer("one-to-many.html");
        chrome = new HeadlessChromium(page.url(), "typeof window.present === 'function'");
    }

    @AfterEach
    void stop() {
        if (chrome != null) {
            chrome.close();
        }
        if (page != null) {
            page.close();
        }
        if (client != null) {
            client.destroy();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void onePresentingBrowserReachesTwoViewingBrowsersAndAViewerLeavingSparesTheOther() throws Exception {
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint presenter = new WebRtcEndpoint.Builder(pipeline).build();
        List<MediaFlowOutStateChangedEvent> presenterOut = new CopyOnWriteArrayList<>();
        presenter.addMediaFlowOutStateChangedListener(presenterOut::add);
        signal(presenter, "presenter", chrome.call("present", "presenter"));
        // the browser's media leaves the presenter's endpoint into the pipeline (KMS: flow out)
        awaitIn(presenterOut, flowing(MediaType.VIDEO, MediaFlowOutStateChangedEvent::getMediaType,
                MediaFlowOutStateChangedEvent::getState));
        awaitIn(presenterOut, flowing(MediaType.AUDIO, MediaFlowOutStateChangedEvent::getMediaType,
                MediaFlowOutStateChangedEvent::getState));

        List<WebRtcEndpoint> viewers = new ArrayList<>();
        List<List<MediaFlowInStateChangedEvent>> viewerIn = new ArrayList<>();
        for (String name : List.of("viewer1", "viewer2")) {
            WebRtcEndpoint viewer = new WebRtcEndpoint.Builder(pipeline).build();
            List<MediaFlowInStateChangedEvent> in = new CopyOnWriteArrayList<>();
            viewer.addMediaFlowInStateChangedListener(in::add);
            presenter.connect(viewer);
            signal(viewer, name, chrome.call("view", name));
            viewers.add(viewer);
            viewerIn.add(in);
        }
        for (int i = 0; i < viewers.size(); i++) {
            String name = "viewer" + (i + 1);
            JsonNode stats = chrome.pollJson("stats('" + name + "')", KurentoOneToManyTest::seesAndHears, MEDIA_WAIT);
            assertTrue(seesAndHears(stats), name + " decoded the presenter's video and heard its beep: " + stats);
            assertEquals("video/VP8", stats.path("videoCodec").asText(), name);
            assertEquals("audio/opus", stats.path("audioCodec").asText(), name);
            MediaFlowInStateChangedEvent video = awaitIn(viewerIn.get(i), flowing(MediaType.VIDEO,
                    MediaFlowInStateChangedEvent::getMediaType, MediaFlowInStateChangedEvent::getState));
            assertEquals(viewers.get(i).getId(), video.getSource().getId());
            awaitIn(viewerIn.get(i), flowing(MediaType.AUDIO, MediaFlowInStateChangedEvent::getMediaType,
                    MediaFlowInStateChangedEvent::getState));
            assertTrue(viewers.get(i).isMediaFlowingIn(MediaType.VIDEO), name);
            assertFalse(viewers.get(i).isMediaFlowingOut(MediaType.VIDEO), name + " sends nothing (recvonly)");
        }
        assertTrue(presenter.isMediaFlowingOut(MediaType.VIDEO));
        assertFalse(presenter.isMediaFlowingIn(MediaType.VIDEO), "nothing is sent to the presenter");
        assertFalse(presenter.isMediaTranscoding(MediaType.VIDEO), "VP8 relayed as is to both viewers");
        assertEquals(2, presenter.getSinkConnections(MediaType.VIDEO).size());
        Map<String, Stats> viewerStats = viewers.get(1).getStats(MediaType.VIDEO);
        assertTrue(viewerStats.containsKey("sink.VIDEO"), viewerStats.keySet().toString());
        for (MediaType type : List.of(MediaType.AUDIO, MediaType.VIDEO)) {
            RTCInboundRTPStreamStats in = presenter.getStats(type).values().stream()
                    .filter(RTCInboundRTPStreamStats.class::isInstance).map(RTCInboundRTPStreamStats.class::cast)
                    .findFirst().orElseThrow(() -> new AssertionError("no inbound RTP stats for " + type));
            assertEquals(StatsType.inboundrtp, in.getType());
            assertEquals(type.name(), in.getMediaTrackId());
            assertTrue(in.getPacketsReceived() > 0 && in.getBytesReceived() > in.getPacketsReceived(),
                    type + ": " + in.getPacketsReceived() + " packets, " + in.getBytesReceived() + " bytes");
            assertTrue(in.getJitter() >= 0 && in.getFractionLost() >= 0 && in.getFractionLost() <= 1);
        }
        assertTrue(viewers.get(1).getStats().values().stream().noneMatch(RTCInboundRTPStreamStats.class::isInstance),
                "a recvonly viewer's browser sends no media");
        RTCOutboundRTPStreamStats out = viewers.get(1).getStats(MediaType.VIDEO).values().stream()
                .filter(RTCOutboundRTPStreamStats.class::isInstance).map(RTCOutboundRTPStreamStats.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no outbound RTP stats for the viewer's video"));
        assertEquals(StatsType.outboundrtp, out.getType());
        assertTrue(out.getPacketsSent() > 0 && out.getBytesSent() > out.getPacketsSent(),
                out.getPacketsSent() + " packets, " + out.getBytesSent() + " bytes");
        assertTrue(presenter.getStats().values().stream().noneMatch(RTCOutboundRTPStreamStats.class::isInstance),
                "nothing is sent to the presenting browser");

        // the first viewer leaves (the tutorial's stop): the second keeps decoding
        viewers.get(0).release();
        assertEquals(1, presenter.getSinkConnections(MediaType.VIDEO).size());
        int before = chrome.pollJson("stats('viewer2')", s -> true, MEDIA_WAIT).path("videoFrames").asInt();
        JsonNode after = chrome.pollJson("stats('viewer2')", s -> s.path("videoFrames").asInt() > before + 30, MEDIA_WAIT);
        assertTrue(after.path("videoFrames").asInt() > before + 30, "viewer2 still decodes: " + before + " then " + after);
        pipeline.release();
        assertEquals(0, node.kurento().objectCount());
    }

    /**
     * The tutorial's signalling for one peer: the browser's offer, the endpoint's answer, the
     * endpoint's candidates trickled to the page as kurento-client delivers them, the page's
     * candidates to addIceCandidate; returns once DTLS is connected.
     */
    private void signal(WebRtcEndpoint endpoint, String peer, String offer) throws Exception {
        BlockingQueue<IceCandidateFoundEvent> found = new LinkedBlockingQueue<>();
        BlockingQueue<IceGatheringDoneEvent> gathered = new LinkedBlockingQueue<>();
        BlockingQueue<DtlsConnectionStateChangeEvent> dtls = new LinkedBlockingQueue<>();
        endpoint.addIceCandidateFoundListener(found::add);
        endpoint.addIceGatheringDoneListener(gathered::add);
        endpoint.addDtlsConnectionStateChangeListener(dtls::add);
        chrome.call("accept", peer, endpoint.processOffer(offer));
        endpoint.gatherCandidates();
        assertNotNull(gathered.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS), peer + ": IceGatheringDone");
        IceCandidateFoundEvent first = found.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(first, peer + ": IceCandidateFound");
        List<IceCandidateFoundEvent> candidates = new ArrayList<>(List.of(first));
        found.drainTo(candidates);
        for (IceCandidateFoundEvent e : candidates) {
            IceCandidate c = e.getCandidate();
            chrome.call("addCandidate", peer, c.getCandidate(), c.getSdpMid(), c.getSdpMLineIndex());
        }
        for (JsonNode line : JSON.readTree(chrome.call("candidates", peer))) {
            endpoint.addIceCandidate(new IceCandidate(line.asText(), "0", 0));
        }
        DtlsConnectionStateChangeEvent connected = await(dtls, e -> e.getState() == DtlsConnectionState.CONNECTED);
        assertEquals(endpoint.getId(), connected.getSource().getId());
    }

    /** The first event received so far or later that {@code wanted} accepts; the others stay for later awaits. */
    static <T> T awaitIn(List<T> received, Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (T e : received) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no wanted event among " + received);
    }

    static boolean seesAndHears(JsonNode s) {
        return s.path("videoFrames").asInt() > 20 && s.path("audioPackets").asInt() > 50
                && s.path("peak").asDouble() > 0.1;
    }

    private static <E> Predicate<E> flowing(MediaType type, java.util.function.Function<E, MediaType> mediaType,
                                            java.util.function.Function<E, MediaFlowState> state) {
        return e -> mediaType.apply(e) == type && state.apply(e) == MediaFlowState.FLOWING;
    }
}
