package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * JAIN-SIP's NIO connection cache with the opening of outbound connections fixed. In 1.3.0-91
 * {@code NIOHandler.openOutgoingConnection} drops every connection it opens from the cache before
 * returning it (its "connected" flag is never set), so the channel made for a new TCP destination
 * holds one socket while the first send opens a second one that no channel owns, and the bytes
 * queued on it are thrown away: a request the container sends over TCP to a peer it has no
 * connection with never left (seen as an INVITE proxied to a SIPp callee on TCP). Here the
 * connection made for the channel stays cached under the peer's address, so sends find it. TLS
 * (NioTlsMessageProcessor shares the TCP handler) lost its first send the same way: the channel
 * closed the connection it was handshaking on for the stray one, and its SSL engine could not
 * restart on that ("Can't send message"); OutboundTlsConnectionsTest.
 */
final class OutboundTcpConnections extends NIOHandler {
    /** JAIN-SIP's default connect timeout (gov.nist.javax.sip.CONNECTION_TIMEOUT unset). */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final NioTcpMessageProcessor processor;

    OutboundTcpConnections(SIPTransactionStack stack, NioTcpMessageProcessor processor) {
        super(stack, processor);
        this.processor = processor;
    }

    @Override
    public SocketChannel createOrReuseSocket(InetAddress address, int port) throws IOException {
        String key = makeKey(address, port);
        SocketChannel cached = getSocket(key);
        if (cached != null && cached.isOpen() && (cached.isConnected() || cached.isConnectionPending())) {
            return cached;
        }
        SocketChannel opened = processor.connect(new InetSocketAddress(address, port), processor.getIpAddress(),
                CONNECT_TIMEOUT_MILLIS);
        putSocket(key, opened);
        return opened;
    }
}
