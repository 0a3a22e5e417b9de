package org.webims.media.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.webims.media.node.MediaNode;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.transport.PortRange;

/**
 * Starts a {@link MediaNode} on loopback with a port range near a port the kernel just handed
 * out (free ports, never fixed ones), the way the gateway runs one in-process.
 */
public final class LoopbackMediaNode {

    private LoopbackMediaNode() {
    }

    /** A node with {@code ioThreads} I/O threads and {@code ports} ports; the caller closes it. */
    public static MediaNode start(FormatAdapterFactory adapters, int ioThreads, int ports) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int start;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(loopback, 0));
            start = Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1, 65534 - ports);
        }
        MediaNodeSettings loop = MediaNodeSettings.loopback(new PortRange(start, start + ports));
        MediaNodeSettings settings = new MediaNodeSettings(loop.web(), loop.ims(), loop.ports(), ioThreads,
                loop.receiveBufferBytes(), loop.engine().withMaxPipelines(Math.max(8, ports / 4)));
        return MediaNode.start(settings, adapters);
    }

}
