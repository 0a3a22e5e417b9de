package org.webims.media.node;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.UdpPortAllocator;

/**
 * One media node: the engine with its pipelines, the I/O threads that read media sockets, and
 * the port allocator endpoints take their sockets from. The gateway runs one in-process; a
 * separate media node process runs one behind the Kurento protocol.
 */
public final class MediaNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaNode.class);

    private final MediaNodeSettings settings;
    private final MediaEngine engine;
    private final MediaIoLoop io;
    private final UdpPortAllocator ports;

    private MediaNode(MediaNodeSettings settings, MediaEngine engine, MediaIoLoop io) {
        this.settings = settings;
        this.engine = engine;
        this.io = io;
        this.ports = new UdpPortAllocator(settings.bindAddress(), settings.ports(), settings.receiveBufferBytes());
    }

    public static MediaNode start(MediaNodeSettings settings, FormatAdapterFactory adapters) throws IOException {
        MediaEngine engine = new MediaEngine(settings.engine(), adapters);
        try {
            MediaIoLoop io = new MediaIoLoop(settings.ioThreads(), "media-io");
            LOG.atInfo().addKeyValue("bind", settings.bindAddress().getHostAddress())
                    .addKeyValue("advertised", settings.advertisedAddress().getHostAddress())
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
    public UdpPortAllocator ports() { return ports; }

    /** Releases every pipeline (closing their sockets), then stops the I/O threads. */
    @Override
    public void close() {
        engine.close();
        io.close();
    }
}
