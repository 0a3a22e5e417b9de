package org.webims.media.kurento.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each complete text message to the connection's conversation and writes its reply.
 * Runs on a request executor, not the I/O loop, so a slow operation (an image read for an
 * overlay) does not stall other connections' I/O; Netty keeps one connection on one executor,
 * so its requests are answered in order.
 */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameHandler.class);

    private final WebSocketService service;
    private WebSocketService.Conversation conversation;

    WebSocketFrameHandler(WebSocketService service) {
        this.service = service;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            conversation = service.open(new ChannelConnection(ctx.channel()));
        } else if (event instanceof IdleStateEvent) {
            LOG.atDebug().addKeyValue("peer", ctx.channel().remoteAddress()).log("idle connection closed");
            close(ctx, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "idle");
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (conversation == null) {
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            // RFC 6455 §7.4.1: 1003, data of a type the endpoint cannot accept (Kurento speaks text)
            close(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "text frames only");
            return;
        }
        String reply = conversation.onText(text.text());
        if (reply != null) {
            ctx.writeAndFlush(new TextWebSocketFrame(reply));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (conversation != null) {
            conversation.onClose();
            conversation = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // RFC 6455 §7.4.1: 1009, a message too big to process
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
            return;
        }
        LOG.atDebug().addKeyValue("peer", ctx.channel().remoteAddress()).setCause(cause).log("connection failed");
        ctx.close();
    }

    private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }
}
