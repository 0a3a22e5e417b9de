package org.webims.media.node;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.kurento.KurentoServer;
import org.webims.media.kurento.KurentoServerSettings;
import org.webims.media.kurento.objects.KurentoType;
import org.webims.media.kurento.objects.TypeRegistry;
import org.webims.media.transcode.CodecFormatAdapterFactory;

/**
 * A media node served over the Kurento protocol: a {@link MediaNode} with the real transcoders
 * ({@link CodecFormatAdapterFactory}), its I/O loop and ports, and a {@link KurentoServer} whose
 * types are the standard ones, RtpEndpoint and whatever {@link KurentoTypeProvider}s are on the
 * class path. {@link #close} stops the server, then the node, then the transcoders.
 */
public final class MediaNodeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaNodeServer.class);

    private final CodecFormatAdapterFactory adapters;
    private final MediaNode node;
    private final KurentoServer server;
    private final List<AutoCloseable> providedTypes;

    private MediaNodeServer(CodecFormatAdapterFactory adapters, MediaNode node, KurentoServer server,
                            List<AutoCloseable> providedTypes) {
        this.adapters = adapters;
        this.node = node;
        this.server = server;
        this.providedTypes = providedTypes;
    }

    /**
     * Starts the node and the server; with {@code kurentoSettings} null, the node alone (an
     * in-process node whose application drives it directly).
     *
     * @throws IOException if the Kurento port cannot be bound (nothing is left running then)
     */
    public static MediaNodeServer start(MediaNodeSettings nodeSettings, KurentoServerSettings kurentoSettings)
            throws IOException {
        CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
        MediaNode node = null;
        List<AutoCloseable> provided = new ArrayList<>();
        try {
            node = MediaNode.start(nodeSettings, adapters);
            TypeRegistry types = TypeRegistry.standard(node);
            for (KurentoTypeProvider provider : ServiceLoader.load(KurentoTypeProvider.class)) {
                for (KurentoType type : provider.types(node)) {
                    if (type instanceof AutoCloseable c) {
                        provided.add(c);
                    }
                    types.register(type);
                    LOG.atDebug().addKeyValue("type", type.name()).log("Kurento type added");
                }
            }
            KurentoServer server = null;
            if (kurentoSettings != null) {
                server = new KurentoServer(kurentoSettings, types);
                server.start();
            }
            return new MediaNodeServer(adapters, node, server, provided);
        } catch (IOException | RuntimeException e) {
            closeAll(provided);
            if (node != null) {
                node.close();
            }
            adapters.close();
            throw e;
        }
    }

    public MediaNode node() { return node; }
    /** The Kurento server, or null when the node was started without one. */
    public KurentoServer kurento() { return server; }
    /** Where kurento-client connects, e.g. {@code ws://127.0.0.1:8888/kurento}; null without a server. */
    public URI uri() { return server == null ? null : server.uri(); }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        node.close();
        closeAll(providedTypes);
        adapters.close();
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.atWarn().setCause(e).log("closing a provided Kurento type failed");
            }
        }
    }
}
