package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * JAIN-SIP's NIO TLS listener (its SSL contexts from the stack's key and trust store properties),
 * whose accepted connections are {@link ScreeningTlsMessageChannel}s, with {@link OutboundTcpConnections}
 * as its connection cache (TLS runs over TCP, and JAIN-SIP's cache lost the first send the same way).
 */
final class ScreeningTlsMessageProcessor extends NioTlsMessageProcessor {
    private final InboundLimits limits;

    ScreeningTlsMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, InboundLimits limits) {
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
            channel = new ScreeningTlsMessageChannel(processor, client, limits);
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
