package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.PortRange;
import org.webims.media.transport.UdpPortAllocator;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.browser.PeerPageServer;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.IceCandidateFound;
import org.webims.webrtc.event.IceGatheringDone;
import org.webims.webrtc.event.NewCandidatePairSelected;

/**
 * A real headless Chromium with its own RTCPeerConnection against a WebRtcEndpoint on
 * 127.0.0.1: the endpoint is connected to itself, so what the browser sends comes back to it.
 */
class WebRtcEndpointBrowserTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final Duration MEDIA_WAIT = Duration.ofSeconds(60);
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate(Duration.ofDays(30));

    MediaEngine engine;
    MediaIoLoop loop;
    ExecutorService handshakes;
    PeerPageServer page;
    HeadlessChromium chrome;
    MediaPipeline pipeline;
    WebRtcEndpoint endpoint;
    final List<MediaEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
        loop = new MediaIoLoop(1, "webrtc-test-io");
        handshakes = Executors.newCachedThreadPool();
        page = new PeerPageServer();
        chrome = new HeadlessChromium(page.url());
        pipeline = engine.createPipeline();
        endpoint = newEndpoint();
    }

    WebRtcEndpoint newEndpoint() throws Exception {
        int start = freeRangeStart();
        UdpPortAllocator ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, start + 19), 1 << 20);
        WebRtcEndpoint ep = new WebRtcEndpoint(pipeline,
                WebRtcEndpointContext.of(ports, loop, CERTIFICATE, handshakes), WebRtcEndpointSettings.defaults());
        ep.addEventListener(events::add);
        return ep;
    }

    static int freeRangeStart() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            return Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1, 65000);
        }
    }

    @AfterEach
    void tearDown() {
        if (chrome != null) {
            chrome.close();
        }
        if (page != null) {
            page.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (loop != null) {
            loop.close();
        }
        if (handshakes != null) {
            handshakes.shutdownNow();
        }
    }

    <T extends MediaEvent> T awaitEvent(Class<T> type, Predicate<T> test) throws InterruptedException {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (MediaEvent e : events) {
                if (type.isInstance(e) && test.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type.getSimpleName() + " among " + events);
    }

    void connectBrowser(String videoCodec) throws Exception {
        endpoint.connect(endpoint);
        String offer = chrome.call("makeOffer", true, true, videoCodec);
        String answer = endpoint.processOffer(offer);
        endpoint.gatherCandidates();
        chrome.call("acceptAnswer", answer);
        awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);
    }

    static boolean isOwnAddress(String hostPort) {
        try {
            InetAddress a = InetAddress.getByName(hostPort.substring(0, hostPort.lastIndexOf(':')));
            return a.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(a) != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static boolean flowing(JsonNode s) {
        return s.path("videoFrames").asInt() > 20 && s.path("audioPackets").asInt() > 50
                && s.path("peak").asDouble() > 0.1;
    }

    @Test
    void browserOpusAndVp8LoopBackThroughTheEndpoint() throws Exception {
        connectBrowser("VP8");
        JsonNode stats = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, MEDIA_WAIT);
        assertTrue(stats.path("videoFrames").asInt() > 20, "browser decoded our video: " + stats + chrome.log());
        assertTrue(stats.path("audioPackets").asInt() > 50, "browser received our audio: " + stats);
        assertTrue(stats.path("peak").asDouble() > 0.1, "the beep came back audible: " + stats);
        assertEquals("video/VP8", stats.path("videoCodec").asText());
        assertEquals("audio/opus", stats.path("audioCodec").asText());
        assertTrue(endpoint.sourcePad(MediaType.AUDIO).counters().packets() > 50);
        assertTrue(endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 20);
        awaitEvent(IceCandidateFound.class, e -> e.candidate().candidate().contains("127.0.0.1 " + endpoint.localPort()));
        awaitEvent(IceGatheringDone.class, e -> true);
        // Chromium also checks from the machine's other addresses; all of them reach us over lo.
        awaitEvent(NewCandidatePairSelected.class, e -> isOwnAddress(e.candidatePair().remoteCandidate()));
        assertEquals(0, endpoint.mediaStats().droppedUnprotect(), "every SRTP packet authenticated");
    }
}
