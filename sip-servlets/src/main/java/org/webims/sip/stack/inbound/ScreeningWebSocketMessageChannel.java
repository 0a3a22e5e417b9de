package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An accepted SIP-over-WebSocket connection (RFC 7118) whose bytes go through a {@link WebSocketScreen}. */
final class ScreeningWebSocketMessageChannel extends NioWebSocketMessageChannel implements WebSocketScreen.Connection {
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningWebSocketMessageChannel.class);

    private final WebSocketScreen screen;
    private final AtomicBoolean closed = new AtomicBoolean();

    ScreeningWebSocketMessageChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor,
                                     SocketChannel socket, InboundLimits limits, WebSocketOrigins origins) throws IOException {
        super(stack, processor, socket);
        this.screen = new WebSocketScreen(this, limits, origins);
    }

    @Override
    protected void addBytes(byte[] bytes) {
        screen.add(bytes);
    }

    /** Written at once, not queued behind the close; a short bounded write, the connection closes next in any case. */
    @Override
    public void closeAfter(byte[]... last) {
        try {
            for (byte[] bytes : last) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                for (int attempt = 0; buffer.hasRemaining() && attempt < 16; attempt++) {
                    if (socketChannel.write(buffer) == 0) {
                        Thread.onSpinWait();
                    }
                }
            }
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not write the last answer");
        }
        close();
    }

    @Override
    public void sendUnframed(byte[] bytes) throws IOException {
        sendNonWebSocketMessage(bytes, false);
    }

    @Override
    public void sendMessage(byte[] bytes) throws IOException {
        sendMessage(bytes, false); // framed as a WebSocket message by the parent
    }

    @Override
    public void processMessage(SIPMessage message) throws Exception {
        WebSocketScreen.pointInvalidHostsAt(message, getPeerAddress(), getPeerPort());
        super.processMessage(message);
    }

    /** Closed by either side, or by the stack: applications hear of it once (decision 0091). */
    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        super.close(removeSocket, stopKeepAliveTask);
        if (closed.compareAndSet(false, true)) {
            WebSocketClosing.tell(sipStack, getPeerInetAddress(), getPeerPort());
        }
    }
}
