package org.webims.media.kurento.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The per-connection pipeline: TLS (if configured), HTTP for the upgrade request, the upgrade
 * checks, WebSocket framing with the frame and message size limits (RFC 6455), the idle timer,
 * and the protocol handler on a request executor.
 */
public final class WebSocketServerInitializer extends ChannelInitializer<SocketChannel> {

    /** The upgrade request is headers only; this bounds what an HTTP client can make us buffer. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 16 * 1024;

    private final SslContext tls;
    private final String path;
    private final String token;
    private final int maxMessageBytes;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final ChannelGroup channels;
    private final EventExecutorGroup requestExecutors;
    private final WebSocketService service;

    public WebSocketServerInitializer(SslContext tls, String path, String token, int maxMessageBytes,
                                      int maxConnections, Duration idleTimeout, ChannelGroup channels,
                                      EventExecutorGroup requestExecutors, WebSocketService service) {
        this.tls = tls;
        this.path = path;
        this.token = token;
        this.maxMessageBytes = maxMessageBytes;
        this.maxConnections = maxConnections;
        this.idleTimeout = idleTimeout;
        this.channels = channels;
        this.requestExecutors = requestExecutors;
        this.service = service;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // the group counts this channel already, hence ">"
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc()));
        }
        p.addLast("http", new HttpServerCodec());
        p.addLast("upgrade-request", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
        p.addLast("upgrade-guard", new UpgradeGuard(path, token, () -> channels.size() > maxConnections));
        p.addLast("idle", new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true) // the path may carry ?token=
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxMessageBytes)
                        .build())
                .build()));
        p.addLast("messages", new WebSocketFrameAggregator(maxMessageBytes));
        // one request executor per connection keeps its requests in order
        p.addLast("kurento", new WebSocketFrameHandler(service, requestExecutors.next()));
    }
}
