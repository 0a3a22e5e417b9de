package org.webims.media.node;

import java.net.InetAddress;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.transport.PortRange;

/**
 * What a media node needs to run: where media sockets bind and what address is advertised,
 * the port range, the I/O threads and the engine's limits.
 *
 * @param publicAddress advertised in SDP and ICE instead of {@code bindAddress} (1:1 NAT), or null
 */
public record MediaNodeSettings(InetAddress bindAddress, InetAddress publicAddress, PortRange ports,
                                int ioThreads, int receiveBufferBytes, MediaEngineSettings engine) {

    public MediaNodeSettings {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("at least one media I/O thread");
        }
    }

    /** Loopback, an ephemeral-ish port range, one I/O thread: for tests. */
    public static MediaNodeSettings loopback(PortRange ports) {
        return new MediaNodeSettings(InetAddress.getLoopbackAddress(), null, ports, 1, 1 << 20,
                MediaEngineSettings.defaults());
    }

    /** The address to advertise: the public one if configured, else the bind address. */
    public InetAddress advertisedAddress() {
        return publicAddress != null ? publicAddress : bindAddress;
    }
}
