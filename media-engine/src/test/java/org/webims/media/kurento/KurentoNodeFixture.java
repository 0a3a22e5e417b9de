package org.webims.media.kurento;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.kurento.client.KurentoClient;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.transport.PortRange;

/**
 * A real media node (engine, transcoders, I/O loop, ports) behind a Kurento server on free
 * loopback ports, and a stock kurento-client connected to it.
 */
final class KurentoNodeFixture implements AutoCloseable {

    final PortRange ports;
    final MediaNodeServer node;
    final KurentoClient client;

    KurentoNodeFixture() throws Exception {
        ports = freeRange(40);
        node = MediaNodeServer.start(MediaNodeSettings.loopback(ports),
                KurentoServerSettings.defaults().withPort(0).withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(500)));
        KurentoClient c;
        try {
            c = KurentoClient.create(node.uri().toString());
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        client = c;
    }

    /** A range of {@code size} ports starting at an even port the kernel just gave out as free. */
    static PortRange freeRange(int size) throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int start = Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1, 65534 - size);
            return new PortRange(start, start + size - 1);
        }
    }

    @Override
    public void close() {
        client.destroy();
        node.close();
    }
}
