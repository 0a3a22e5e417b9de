package org.webims.media.kurento.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Checks the HTTP request that asks for the WebSocket upgrade before any protocol state exists:
 * the path (404 otherwise), the access token if one is configured (401 with
 * {@code WWW-Authenticate: Bearer}, RFC 6750 §3), and the connection limit (503).
 * Then it leaves the pipeline.
 */
final class UpgradeGuard extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final String path;
    private final byte[] token;
    private final BooleanSupplier full;

    UpgradeGuard(String path, String token, BooleanSupplier full) {
        super(false);
        this.path = path;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.full = full;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!uri.path().equals(path)) {
            refuse(ctx, request, HttpResponseStatus.NOT_FOUND, "no WebSocket service at " + uri.path());
            return;
        }
        if (token != null && !authorized(request, uri)) {
            refuse(ctx, request, HttpResponseStatus.UNAUTHORIZED, "a valid access token is required");
            return;
        }
        if (full.getAsBoolean()) {
            refuse(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "too many connections");
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(request);
    }

    private boolean authorized(FullHttpRequest request, QueryStringDecoder uri) {
        String presented = null;
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        // RFC 6750 §2.1: Authorization: Bearer <token>
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else {
            List<String> query = uri.parameters().get("token");
            if (query != null && !query.isEmpty()) {
                presented = query.get(0);
            }
        }
        // constant-time, so the comparison does not tell how much of a guess was right
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String why) {
        request.release();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(why + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (status == HttpResponseStatus.UNAUTHORIZED) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
