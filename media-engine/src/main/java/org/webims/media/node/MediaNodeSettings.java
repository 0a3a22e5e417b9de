package org.webims.media.node;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.transport.PortRange;

/**
 * What a media node needs to run: where each side's media sockets bind and what it advertises,
 * the port range both sides take ports from, the I/O threads and the engine's limits.
 *
 * @param webInterfaces WebRTC endpoints' interfaces, at least one: a socket and ICE host candidate on
 *                      each, the first the SDP's c= line
 * @param ims           RTP endpoints' interface (the IMS core's phones and MRFs)
 */
public record MediaNodeSettings(List<MediaInterface> webInterfaces, MediaInterface ims, PortRange ports,
                                int ioThreads, int receiveBufferBytes, MediaEngineSettings engine) {

    public MediaNodeSettings {
        webInterfaces = List.copyOf(webInterfaces);
        if (webInterfaces.isEmpty()) {
            throw new IllegalArgumentException("at least one web interface");
        }
        Objects.requireNonNull(ims, "ims");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("at least one media I/O thread");
        }
    }

    /** One web interface. */
    public MediaNodeSettings(MediaInterface web, MediaInterface ims, PortRange ports,
                             int ioThreads, int receiveBufferBytes, MediaEngineSettings engine) {
        this(List.of(web), ims, ports, ioThreads, receiveBufferBytes, engine);
    }

    /** The first web interface: the one the SDP's c= line names. */
    public MediaInterface web() {
        return webInterfaces.get(0);
    }

    /** Both sides on one interface: {@code bindAddress}, advertised as {@code publicAddress} if not null. */
    public MediaNodeSettings(InetAddress bindAddress, InetAddress publicAddress, PortRange ports,
                             int ioThreads, int receiveBufferBytes, MediaEngineSettings engine) {
        this(new MediaInterface(bindAddress, publicAddress), new MediaInterface(bindAddress, publicAddress),
                ports, ioThreads, receiveBufferBytes, engine);
    }

    /** Loopback, an ephemeral-ish port range, one I/O thread: for tests. */
    public static MediaNodeSettings loopback(PortRange ports) {
        return new MediaNodeSettings(InetAddress.getLoopbackAddress(), null, ports, 1, 1 << 20,
                MediaEngineSettings.defaults());
    }

    /** The same node with the sides on these interfaces. */
    public MediaNodeSettings withInterfaces(MediaInterface web, MediaInterface ims) {
        return withInterfaces(List.of(web), ims);
    }

    /** The same node with the web side on these interfaces and the IMS side on {@code ims}. */
    public MediaNodeSettings withInterfaces(List<MediaInterface> web, MediaInterface ims) {
        return new MediaNodeSettings(web, ims, ports, ioThreads, receiveBufferBytes, engine);
    }
}
