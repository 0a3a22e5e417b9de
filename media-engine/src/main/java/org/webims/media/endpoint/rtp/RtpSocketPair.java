package org.webims.media.endpoint.rtp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import org.webims.media.transport.UdpPortAllocator;

/**
 * An even RTP port from the allocator and RTP+1 for RTCP (RFC 3550 §11): RTCP goes there unless
 * rtcp-mux is agreed, and even then the port is held so that an older peer finds it.
 */
record RtpSocketPair(DatagramChannel rtp, DatagramChannel rtcp, int rtpPort) {

    /** Allocations tried before giving up when RTP+1 keeps being taken. */
    private static final int ATTEMPTS = 16;

    static RtpSocketPair allocate(UdpPortAllocator ports) throws IOException {
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            DatagramChannel rtp = ports.allocateEven();
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            DatagramChannel rtcp = DatagramChannel.open(ports.bindAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                rtcp.bind(new InetSocketAddress(ports.bindAddress(), port + 1));
                rtcp.configureBlocking(false);
                return new RtpSocketPair(rtp, rtcp, port);
            } catch (BindException taken) {
                last = taken;
                rtcp.close();
                rtp.close();
            } catch (IOException | RuntimeException e) {
                rtcp.close();
                rtp.close();
                throw e;
            }
        }
        throw new IOException("no free RTP/RTCP port pair after " + ATTEMPTS + " attempts", last);
    }
}
