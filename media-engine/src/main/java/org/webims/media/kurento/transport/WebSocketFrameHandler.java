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
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each complete text message to the connection's conversation and writes its reply.
 * The conversation runs on the connection's request executor, not the I/O loop, so a slow
 * operation (an image read for an overlay) does not stall other connections' I/O; one
 * single-threaded executor per connection answers its requests in order.
 */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameHandler.class);

    private final WebSocketService service;
    private final EventExecutor worker;
    // set on the I/O loop before any message is handed to the worker, then read by the worker only
    private WebSocketService.Conversation conversation;

    WebSocketFrameHandler(WebSocketService service, EventExecutor worker) {
        this.service = service;
        this.worker = worker;
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
        String message = text.text();
        WebSocketService.Conversation c = conversation;
        execute(ctx, () -> {
            String reply = c.onText(message);
            if (reply != null) {
                ctx.writeAndFlush(new TextWebSocketFrame(reply));
            }
        });
    }

    private void execute(ChannelHandlerContext ctx, Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException stopping) {
            ctx.close(); // the server is stopping
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        WebSocketService.Conversation c = conversation;
        if (c != null) {
            conversation = null;
            try {
                worker.execute(c::onClose); // after the messages already queued
            } catch (RejectedExecutionException stopping) {
                c.onClose();
            }
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
