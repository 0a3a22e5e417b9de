package org.webims.media.kurento;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.kurento.objects.ObjectRegistry;
import org.webims.media.kurento.objects.TypeRegistry;
import org.webims.media.kurento.session.SessionRegistry;
import org.webims.media.kurento.transport.TlsContexts;
import org.webims.media.kurento.transport.WebSocketServerInitializer;
import org.webims.media.pipeline.MediaEngine;

/**
 * Serves the Kurento protocol (JSON-RPC 2.0 over WebSocket) from a {@link MediaEngine}, so
 * that kurento-client applications drive our pipelines unchanged. Start it, register any
 * further element types with {@link #types()}, stop it to close every connection, release
 * every session's objects and free the port.
 */
public final class KurentoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KurentoServer.class);

    private final KurentoServerSettings settings;
    private final TypeRegistry types;
    private final ObjectRegistry objects = new ObjectRegistry();
    private ScheduledExecutorService timers;
    private SessionRegistry sessions;
    private EventLoopGroup acceptors;
    private EventLoopGroup io;
    private EventExecutorGroup requests;
    private ChannelGroup channels;
    private Channel listener;
    private InetSocketAddress address;

    public KurentoServer(MediaEngine engine, KurentoServerSettings settings) {
        this(settings, TypeRegistry.standard(engine));
    }

    /** With a type registry of the caller's making (further element types registered in it). */
    public KurentoServer(KurentoServerSettings settings, TypeRegistry types) {
        this.settings = settings;
        this.types = types;
    }

    /** Where other modules register their element types (webrtc-bridge: WebRtcEndpoint). */
    public TypeRegistry types() {
        return types;
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound address (the real port when the settings ask for port 0)
     * @throws IOException if the key store cannot be read or the port cannot be bound
     */
    public synchronized InetSocketAddress start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started on " + address);
        }
        SslContext tls = settings.tls()
                ? TlsContexts.fromPkcs12(settings.keyStore(), settings.keyStorePassword().toCharArray()) : null;
        timers = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("kurento-sessions", true));
        KurentoProtocol[] protocol = new KurentoProtocol[1];
        sessions = new SessionRegistry(timers, settings.sessionReleaseTimeout(), settings.maxSessions(),
                ids -> protocol[0].releaseObjects(ids));
        protocol[0] = new KurentoProtocol(types, objects, sessions, settings.maxObjectsPerSession());
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("kurento-accept", true),
                NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("kurento-io", true), NioIoHandler.newFactory());
        requests = new DefaultEventExecutorGroup(2, new DefaultThreadFactory("kurento-rpc", true));
        channels = new DefaultChannelGroup("kurento-clients", GlobalEventExecutor.INSTANCE);
        try {
            listener = new ServerBootstrap()
                    .group(acceptors, io)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new WebSocketServerInitializer(tls, settings.path(), settings.token(),
                            settings.maxMessageBytes(), settings.maxSessions(), settings.idleTimeout(), channels,
                            requests, protocol[0]))
                    .bind(settings.host(), settings.port())
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownThreads();
            throw new IOException("interrupted while binding " + settings.host() + ":" + settings.port(), e);
        } catch (Exception e) { // Netty rethrows a bind failure's checked cause unchanged
            shutdownThreads();
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        address = (InetSocketAddress) listener.localAddress();
        LOG.atInfo().addKeyValue("uri", uri()).log("Kurento protocol server listening");
        return address;
    }

    public synchronized InetSocketAddress address() {
        return address;
    }

    /** The URI clients connect to, e.g. {@code ws://127.0.0.1:8888/kurento}. */
    public synchronized URI uri() {
        if (address == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create((settings.tls() ? "wss" : "ws") + "://" + address.getHostString() + ":" + address.getPort()
                + settings.path());
    }

    public synchronized int sessionCount() {
        return sessions == null ? 0 : sessions.size();
    }

    /** Objects created over the protocol and still alive. */
    public int objectCount() {
        objects.sweep();
        return objects.size();
    }

    /** Closes every connection, releases every session's objects and frees the port; idempotent. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        listener.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly();
        sessions.releaseAll();
        shutdownThreads();
        LOG.atInfo().addKeyValue("address", address).log("Kurento protocol server stopped");
        listener = null;
        address = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void shutdownThreads() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        requests.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        timers.shutdownNow();
        // sessions a request thread detached while stopping have timers no more: release them now
        if (sessions != null) {
            sessions.releaseAll();
        }
    }
}
