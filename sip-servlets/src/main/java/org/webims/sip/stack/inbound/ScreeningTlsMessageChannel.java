package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * An accepted SIP-over-TLS connection (RFC 3261 §26.2): JAIN-SIP's channel does the TLS (its
 * SSLEngine, client-auth policy, handshake watchdog and encrypted sends), and what it decrypts
 * goes through a {@link StreamScreen}, as a TCP connection's bytes do, instead of its parser.
 */
final class ScreeningTlsMessageChannel extends NioTlsMessageChannel implements StreamScreen.Connection {
    private final StreamScreen screen;

    ScreeningTlsMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket, InboundLimits limits)
            throws IOException {
        super(processor, socket);
        this.screen = new StreamScreen(this, limits);
    }

    /** Called by JAIN-SIP's SSL state machine with each run of decrypted application data. */
    @Override
    public void addPlaintextBytes(byte[] bytes) {
        screen.add(bytes);
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        sendMessage(bytes, false); // encrypted by the parent
    }

    @Override
    public void pong() throws Exception {
        sendSingleCLRF();
    }
}
