package org.webims.media.endpoint.rtp;

import java.util.Objects;
import org.webims.media.node.MediaNode;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.UdpPortAllocator;

/**
 * What an RTP endpoint borrows from the engine: the port allocator (which also fixes the bind
 * address), the shared I/O loop that reads its sockets, and the address written into SDP (the
 * public one when the engine sits behind a static NAT).
 */
public record RtpEndpointContext(UdpPortAllocator ports, MediaIoLoop ioLoop, String advertisedAddress) {

    public RtpEndpointContext {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(ioLoop, "ioLoop");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
    }

    /** Advertises the bind address itself (no NAT in between). */
    public static RtpEndpointContext of(UdpPortAllocator ports, MediaIoLoop ioLoop) {
        return new RtpEndpointContext(ports, ioLoop, ports.bindAddress().getHostAddress());
    }

    /** The running media node's IMS-side allocator, I/O loop and IMS-side advertised (public) address. */
    public static RtpEndpointContext of(MediaNode node) {
        return new RtpEndpointContext(node.imsPorts(), node.io(),
                node.settings().ims().advertisedAddress().getHostAddress());
    }
}
