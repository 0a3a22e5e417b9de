package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * JAIN-SIP's NIO secure WebSocket listener (its SSL contexts from the stack's key and trust store
 * properties), whose accepted connections are {@link ScreeningSecureWebSocketMessageChannel}s.
 */
final class ScreeningSecureWebSocketMessageProcessor extends NioTlsWebSocketMessageProcessor {
    private final InboundLimits limits;
    private final WebSocketOrigins origins;

    ScreeningSecureWebSocketMessageProcessor(InetAddress address, SIPTransactionStack stack, int port,
                                             InboundLimits limits, WebSocketOrigins origins) {
        super(address, stack, port);
        this.limits = limits;
        this.origins = origins;
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new ScreeningSecureWebSocketMessageChannel(sipStack, processor, client, limits, origins);
            nioHandler.putMessageChannel(client, channel);
        }
        return channel;
    }

    /** Closes the selector and the listening socket, then waits for the selector thread to end. */
    @Override
    public void stop() {
        super.stop();
        ProcessorThreads.awaitEnd(selectorThread);
    }
}
