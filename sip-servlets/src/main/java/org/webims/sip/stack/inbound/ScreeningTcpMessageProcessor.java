package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * JAIN-SIP's NIO TCP listener, whose accepted connections are {@link ScreeningTcpMessageChannel}s,
 * with {@link OutboundTcpConnections} as its connection cache.
 */
final class ScreeningTcpMessageProcessor extends NioTcpMessageProcessor {
    private final InboundLimits limits;

    ScreeningTcpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, InboundLimits limits) {
        super(address, stack, port);
        this.limits = limits;
        nioHandler.stop(); // replaced before any socket is open: outbound connections stay cached
        nioHandler = new OutboundTcpConnections(stack, this);
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new ScreeningTcpMessageChannel(processor, client, limits);
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
