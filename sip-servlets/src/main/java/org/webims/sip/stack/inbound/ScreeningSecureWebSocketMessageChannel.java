package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsWebSocketMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An accepted SIP-over-secure-WebSocket connection (RFC 7118 §5): JAIN-SIP's channel does the
 * TLS (its SSLEngine and encrypted sends), and what it decrypts goes through a
 * {@link WebSocketScreen}, as a WS connection's bytes do, Origin check included.
 */
final class ScreeningSecureWebSocketMessageChannel extends NioTlsWebSocketMessageChannel
        implements WebSocketScreen.Connection {
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningSecureWebSocketMessageChannel.class);

    private final WebSocketScreen screen;
    private final AtomicBoolean closed = new AtomicBoolean();

    ScreeningSecureWebSocketMessageChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor,
                                           SocketChannel socket, InboundLimits limits, WebSocketOrigins origins)
            throws IOException {
        super(stack, processor, socket);
        this.screen = new WebSocketScreen(this, limits, origins);
    }

    /** Called by JAIN-SIP's SSL state machine with each run of decrypted application data. */
    @Override
    public void addPlaintextBytes(byte[] bytes) {
        screen.add(bytes);
    }

    /**
     * The last bytes must be encrypted, so they take the queue like any send; the close waits a
     * moment for them to leave (a direct write would bypass the TLS record layer).
     */
    @Override
    public void closeAfter(byte[]... last) {
        try {
            for (byte[] bytes : last) {
                sendNonWebSocketMessage(bytes, false);
            }
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not write the last answer");
        }
        LingeringClose.schedule(getSIPStack(), () -> false, LingeringClose.STEP_MILLIS, this::close);
    }

    @Override
    public void sendUnframed(byte[] bytes) throws IOException {
        sendNonWebSocketMessage(bytes, false); // encrypted by the parent
    }

    @Override
    public void sendMessage(byte[] bytes) throws IOException {
        sendMessage(bytes, false); // framed as a WebSocket message and encrypted by the parent
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
