package org.webims.media.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binds media sockets inside the configured port range. Ports are tried round-robin from where
 * the last allocation stopped, so a port just released is not reused at once (late packets of
 * the previous call then do not reach the next one).
 */
public final class UdpPortAllocator {

    private final InetAddress bindAddress;
    private final PortRange range;
    private final int receiveBufferBytes;
    private final AtomicInteger next;

    public UdpPortAllocator(InetAddress bindAddress, PortRange range, int receiveBufferBytes) {
        this.bindAddress = bindAddress;
        this.range = range;
        this.receiveBufferBytes = receiveBufferBytes;
        this.next = new AtomicInteger(range.min() + (range.min() & 1));
    }

    public InetAddress bindAddress() { return bindAddress; }

    /** An unconnected, non-blocking channel on an even port of the range. */
    public DatagramChannel allocateEven() throws IOException {
        int attempts = range.size() / 2 + 1;
        for (int i = 0; i < attempts; i++) {
            int port = next.getAndUpdate(p -> p + 2 > range.max() ? range.min() + (range.min() & 1) : p + 2);
            if (port > range.max()) {
                continue;
            }
            DatagramChannel channel = tryBind(port);
            if (channel != null) {
                return channel;
            }
        }
        throw new IOException("no free UDP port in " + range.min() + "-" + range.max()
                + " on " + bindAddress.getHostAddress());
    }

    private DatagramChannel tryBind(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(bindAddress instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(new InetSocketAddress(bindAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (BindException inUse) {
            channel.close();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
