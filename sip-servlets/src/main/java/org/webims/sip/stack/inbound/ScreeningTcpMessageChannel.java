package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** An accepted SIP-over-TCP connection whose bytes go through a {@link StreamScreen}. */
final class ScreeningTcpMessageChannel extends NioTcpMessageChannel implements StreamScreen.Connection {
    private final StreamScreen screen;

    ScreeningTcpMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket, InboundLimits limits)
            throws IOException {
        super(processor, socket);
        this.messageProcessor = processor;
        this.screen = new StreamScreen(this, limits);
    }

    @Override
    protected void addBytes(byte[] bytes) {
        screen.add(bytes);
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        sendMessage(bytes, false);
    }

    @Override
    public void pong() throws Exception {
        sendSingleCLRF();
    }
}
