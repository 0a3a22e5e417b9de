package org.webims.media.endpoint.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.PortRange;
import org.webims.media.transport.UdpPortAllocator;

/** A media engine, one I/O thread and a port range on loopback, for the RtpEndpoint tests. */
final class MediaFixture implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final MediaEngine engine;
    final MediaIoLoop loop;
    final UdpPortAllocator ports;
    final RtpEndpointContext context;
    final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    MediaFixture() throws IOException {
        this(FormatAdapterFactory.NONE);
    }

    /** With the engine's format adapters (a real transcoding factory for tests through a transcoder). */
    MediaFixture(FormatAdapterFactory adapters) throws IOException {
        engine = new MediaEngine(MediaEngineSettings.defaults(), adapters);
        loop = new MediaIoLoop(1, "rtp-test-io");
        int start;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            start = Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1, 65000);
        }
        ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, Math.min(65535, start + 400)), 1 << 16);
        context = RtpEndpointContext.of(ports, loop);
    }

    MediaPipeline pipeline() {
        MediaPipeline p = engine.createPipeline();
        p.addEventListener(events::add);
        return p;
    }

    RtpEndpoint endpoint(MediaPipeline pipeline, RtpEndpointSettings settings) {
        return new RtpEndpoint(pipeline, context, settings);
    }

    /** An endpoint of the default settings, its peer, and our answer to the peer's offer. */
    record Answered(RtpEndpoint endpoint, UdpPeer peer, String answer) { }

    /**
     * A new pipeline with an RtpEndpoint of the default settings, {@code attach} connecting the test
     * elements around it, and the answer to a peer's offer of one {@code media} m-line.
     */
    Answered answerOffer(Consumer<RtpEndpoint> attach, String media, String proto, String formats,
            String... attributes) throws Exception {
        RtpEndpoint endpoint = endpoint(pipeline(), RtpEndpointSettings.defaults());
        attach.accept(endpoint);
        UdpPeer peer = peer();
        return new Answered(endpoint, peer, endpoint.processOffer(peer.sdp(media, proto, formats, attributes)));
    }

    UdpPeer peer() throws IOException {
        UdpPeer p = new UdpPeer();
        closeAfter.add(p);
        return p;
    }

    /** The next event of this type, skipping others. */
    <T extends MediaEvent> T nextEvent(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            MediaEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " event");
    }

    /** Polls until the condition holds (bounded), for state reached on another thread. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
        engine.close();
        loop.close();
    }
}
