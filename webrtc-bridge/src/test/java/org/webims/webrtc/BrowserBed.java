package org.webims.webrtc;

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
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.PortRange;
import org.webims.media.transport.UdpPortAllocator;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.browser.PeerPageServer;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;

/**
 * A media engine, one I/O thread, the test page and a headless Chromium on 127.0.0.1, with
 * every event of the engine's pipelines collected: what the browser tests that go beyond one
 * endpoint share.
 */
final class BrowserBed implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final Duration MEDIA_WAIT = Duration.ofSeconds(60);
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate(Duration.ofDays(30));

    final MediaEngine engine;
    final MediaIoLoop loop = new MediaIoLoop(1, "webrtc-test-io");
    final ExecutorService handshakes = Executors.newCachedThreadPool();
    final UdpPortAllocator ports;
    final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    private PeerPageServer page;
    private HeadlessChromium chrome;
    private WatchedTranscoders transcoders;
    /** Closed after the bed, last first: the network stand-ins and transcoders its tests made. */
    private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();

    BrowserBed(FormatAdapterFactory adapters) throws Exception {
        engine = new MediaEngine(MediaEngineSettings.defaults(), adapters);
        int start = freeRangeStart();
        ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, Math.min(65535, start + 99)),
                1 << 20);
    }

    /** A bed whose engine transcodes with the real transcoders, watched ({@link #transcoders}), closed with it. */
    static BrowserBed transcoding() throws Exception {
        WatchedTranscoders t = new WatchedTranscoders();
        BrowserBed bed = new BrowserBed(t);
        bed.transcoders = t;
        bed.closeAfter(t);
        return bed;
    }

    /** The transcoders of a {@link #transcoding()} bed. */
    WatchedTranscoders transcoders() {
        return transcoders;
    }

    /** {@code c} is closed after the bed. */
    void closeAfter(AutoCloseable c) {
        closeAfter.add(c);
    }

    /** The start of a free-looking even port range on loopback (the allocator skips ports in use). */
    static int freeRangeStart() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            return Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1, 65000);
        }
    }

    MediaPipeline pipeline() {
        MediaPipeline p = engine.createPipeline();
        p.addEventListener(events::add);
        return p;
    }

    WebRtcEndpoint webRtcEndpoint(MediaPipeline pipeline) throws Exception {
        return webRtcEndpoint(pipeline, WebRtcEndpointSettings.defaults());
    }

    WebRtcEndpoint webRtcEndpoint(MediaPipeline pipeline, WebRtcEndpointSettings settings) throws Exception {
        return new WebRtcEndpoint(pipeline, WebRtcEndpointContext.of(ports, loop, CERTIFICATE, handshakes), settings);
    }

    /**
     * Connects {@code endpoint} both ways to an IMS leg in its pipeline that takes AMR-WB and H.264
     * only, whose far terminal (in a pipeline of its own) sends back what it receives: so what the
     * browser receives is made by our own Opus and VP8 encoders from its own media.
     */
    void echoThroughIms(MediaPipeline pipeline, WebRtcEndpoint endpoint) throws Exception {
        RtpEndpointContext rtp = RtpEndpointContext.of(ports, loop);
        RtpEndpoint imsSide = new RtpEndpoint(pipeline, rtp, RtpEndpointSettings.defaults());
        endpoint.connect(imsSide);
        imsSide.connect(endpoint);
        RtpEndpoint terminal = new RtpEndpoint(pipeline(), rtp, WebRtcEndpointTranscodingTest.IMS_TERMINAL);
        terminal.connect(terminal);
        terminal.processAnswer(imsSide.processOffer(terminal.generateOffer()));
    }

    HeadlessChromium chrome() throws Exception {
        return chrome(HeadlessChromium.Launch.DEFAULT);
    }

    /** The bed's browser on the peer page, launched as {@code launch} says the first time. */
    HeadlessChromium chrome(HeadlessChromium.Launch launch) throws Exception {
        if (chrome == null) {
            page = new PeerPageServer();
            chrome = new HeadlessChromium(page.url(), "typeof window.makeOffer === 'function'", launch);
        }
        return chrome;
    }

    /** The browser offers audio and video (its preferred codecs), the endpoint answers; waits for DTLS. */
    void connectBrowser(WebRtcEndpoint endpoint) throws Exception {
        String offer = chrome().call("makeOffer", true, true, "VP8");
        chrome().call("acceptAnswer", endpoint.processOffer(offer));
        awaitEvent(DtlsConnectionStateChange.class,
                e -> e.element() == endpoint && e.state() == DtlsSession.State.CONNECTED);
    }

    /**
     * Keys {@code browser} to {@code endpoint}: an offer of our own endpoint stands in for a
     * browser's, the endpoint answers, and the scripted browser runs ICE and DTLS against it.
     * Returns the endpoint's answer once DTLS is connected.
     */
    String connectScripted(WebRtcEndpoint endpoint, ScriptedBrowser browser) throws Exception {
        WebRtcEndpoint offerer = webRtcEndpoint(pipeline());
        String answer = endpoint.processOffer(offerer.generateOffer());
        browser.connect(endpoint, offerer.iceCredentials().ufrag(), answer, CERTIFICATE, handshakes);
        awaitEvent(DtlsConnectionStateChange.class,
                e -> e.element() == endpoint && e.state() == DtlsSession.State.CONNECTED);
        return answer;
    }

    JsonNode pollBrowser(Predicate<JsonNode> done) throws Exception {
        return chrome().pollJson("inbound()", done, MEDIA_WAIT);
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

    /** Polls until the condition holds, bounded by the generous media wait; never a wall-time assertion. */
    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    public void close() {
        if (chrome != null) {
            chrome.close();
        }
        if (page != null) {
            page.close();
        }
        engine.close();
        loop.close();
        handshakes.shutdownNow();
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            try {
                closeAfter.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
