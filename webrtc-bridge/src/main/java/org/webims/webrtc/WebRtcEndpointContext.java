package org.webims.webrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.webims.media.node.MediaInterface;
import org.webims.media.node.MediaNode;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.UdpPortAllocator;
import org.webims.webrtc.dtls.DtlsCertificate;

/**
 * What a WebRTC endpoint borrows from the engine: its web interfaces (a socket and host candidate
 * on each, RFC 8445 §5.1.1.1; the first is the SDP's c= line), the I/O loop that reads its
 * sockets, our DTLS certificate, and the executor BouncyCastle's blocking handshakes run on.
 */
public record WebRtcEndpointContext(List<WebInterface> interfaces, MediaIoLoop ioLoop, DtlsCertificate certificate,
        Executor handshakes) {

    /**
     * One web interface: the allocator (which fixes the bind address, a host candidate) and the
     * public address a 1:1 NAT maps that bind address to (one more candidate, decision 0008).
     */
    public record WebInterface(UdpPortAllocator ports, Optional<String> publicAddress) {
        public WebInterface {
            Objects.requireNonNull(ports, "ports");
            Objects.requireNonNull(publicAddress, "publicAddress");
        }

        /** What the SDP's c= line names for this interface: the public address if any, else the bind address. */
        public String advertised() {
            return publicAddress.orElse(ports.bindAddress().getHostAddress());
        }
    }

    public WebRtcEndpointContext {
        interfaces = List.copyOf(interfaces);
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("at least one web interface");
        }
        Objects.requireNonNull(ioLoop, "ioLoop");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(handshakes, "handshakes");
    }

    /** One web interface: {@code ports}' bind address, advertised as {@code publicAddress} too if present. */
    public WebRtcEndpointContext(UdpPortAllocator ports, MediaIoLoop ioLoop, DtlsCertificate certificate,
            Executor handshakes, Optional<String> publicAddress) {
        this(List.of(new WebInterface(ports, publicAddress)), ioLoop, certificate, handshakes);
    }

    public static WebRtcEndpointContext of(UdpPortAllocator ports, MediaIoLoop ioLoop, DtlsCertificate certificate,
            Executor handshakes) {
        return new WebRtcEndpointContext(ports, ioLoop, certificate, handshakes, Optional.empty());
    }

    /**
     * A media node's web side: each interface's allocator, and its public address unless that is
     * its bind address.
     */
    public static WebRtcEndpointContext forNode(MediaNode node, DtlsCertificate certificate, Executor handshakes) {
        List<MediaInterface> web = node.settings().webInterfaces();
        List<UdpPortAllocator> allocators = node.webPortsPerInterface();
        List<WebInterface> interfaces = new ArrayList<>(web.size());
        for (int i = 0; i < web.size(); i++) {
            MediaInterface w = web.get(i);
            Optional<String> publicAddress = w.publicAddress() == null || w.publicAddress().equals(w.bindAddress())
                    ? Optional.empty() : w.publicAddressText();
            interfaces.add(new WebInterface(allocators.get(i), publicAddress));
        }
        return new WebRtcEndpointContext(interfaces, node.io(), certificate, handshakes);
    }
}
