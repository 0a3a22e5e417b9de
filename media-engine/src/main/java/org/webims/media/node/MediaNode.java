package org.webims.media.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.UdpPortAllocator;

/**
 * One media node: the engine with its pipelines, the I/O threads that read media sockets, and
 * the port allocators endpoints take their sockets from, one per bind address: each web interface's,
 * and the IMS side's (shared with a web interface that binds the same address). The gateway runs one in-process; a separate media node
 * process runs one behind the Kurento protocol.
 */
public final class MediaNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaNode.class);

    private final MediaNodeSettings settings;
    private final MediaEngine engine;
    private final MediaIoLoop io;
    private final List<UdpPortAllocator> webPorts;
    private final UdpPortAllocator imsPorts;

    private MediaNode(MediaNodeSettings settings, MediaEngine engine, MediaIoLoop io) {
        this.settings = settings;
        this.engine = engine;
        this.io = io;
        // one range for both sides: a port is taken per address, so two addresses never contend
        List<UdpPortAllocator> web = new ArrayList<>();
        for (MediaInterface w : settings.webInterfaces()) {
            web.add(new UdpPortAllocator(w.bindAddress(), settings.ports(), settings.receiveBufferBytes()));
        }
        this.webPorts = List.copyOf(web);
        this.imsPorts = web.stream().filter(a -> a.bindAddress().equals(settings.ims().bindAddress())).findFirst()
                .orElseGet(() -> new UdpPortAllocator(settings.ims().bindAddress(), settings.ports(),
                        settings.receiveBufferBytes()));
    }

    public static MediaNode start(MediaNodeSettings settings, FormatAdapterFactory adapters) throws IOException {
        MediaEngine engine = new MediaEngine(settings.engine(), adapters);
        try {
            MediaIoLoop io = new MediaIoLoop(settings.ioThreads(), "media-io");
            LOG.atInfo().addKeyValue("webBind", settings.webInterfaces().stream()
                            .map(w -> w.bindAddress().getHostAddress()).collect(Collectors.joining(",")))
                    .addKeyValue("webAdvertised", settings.webInterfaces().stream()
                            .map(w -> w.advertisedAddress().getHostAddress()).collect(Collectors.joining(",")))
                    .addKeyValue("imsBind", settings.ims().bindAddress().getHostAddress())
                    .addKeyValue("imsAdvertised", settings.ims().advertisedAddress().getHostAddress())
                    .addKeyValue("ports", settings.ports().min() + "-" + settings.ports().max())
                    .addKeyValue("ioThreads", settings.ioThreads()).log("media node started");
            return new MediaNode(settings, engine, io);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public MediaNodeSettings settings() { return settings; }
    public MediaEngine engine() { return engine; }
    public MediaIoLoop io() { return io; }
    /** Sockets of WebRTC endpoints on the first web interface's bind address (the c= line's). */
    public UdpPortAllocator webPorts() { return webPorts.get(0); }
    /** Sockets of WebRTC endpoints, one allocator per web interface, in {@link MediaNodeSettings#webInterfaces()} order. */
    public List<UdpPortAllocator> webPortsPerInterface() { return webPorts; }
    /** Sockets of RTP endpoints, on the IMS side's bind address. */
    public UdpPortAllocator imsPorts() { return imsPorts; }

    /** Releases every pipeline (closing their sockets), then stops the I/O threads. */
    @Override
    public void close() {
        engine.close();
        io.close();
    }
}
