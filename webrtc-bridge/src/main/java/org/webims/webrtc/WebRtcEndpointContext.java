package org.webims.webrtc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.webims.media.node.MediaInterface;
import org.webims.media.node.MediaNode;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.UdpPortAllocator;
import org.webims.webrtc.dtls.DtlsCertificate;

/**
 * What a WebRTC endpoint borrows from the engine: the port allocator (which fixes the bind
 * address, our host candidate), the I/O loop that reads its socket, our DTLS certificate, the
 * executor BouncyCastle's blocking handshakes run on, and the public address a 1:1 NAT maps the
 * bind address to (a second candidate, decision 0008).
 */
public record WebRtcEndpointContext(UdpPortAllocator ports, MediaIoLoop ioLoop, DtlsCertificate certificate,
        Executor handshakes, Optional<String> publicAddress) {

    public WebRtcEndpointContext {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(ioLoop, "ioLoop");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(handshakes, "handshakes");
        Objects.requireNonNull(publicAddress, "publicAddress");
    }

    public static WebRtcEndpointContext of(UdpPortAllocator ports, MediaIoLoop ioLoop, DtlsCertificate certificate,
            Executor handshakes) {
        return new WebRtcEndpointContext(ports, ioLoop, certificate, handshakes, Optional.empty());
    }

    /** A media node's web side: its allocator and I/O loop, and its public address unless that is the bind address. */
    public static WebRtcEndpointContext forNode(MediaNode node, DtlsCertificate certificate, Executor handshakes) {
        MediaInterface web = node.settings().web();
        Optional<String> publicAddress = web.publicAddress() == null || web.publicAddress().equals(web.bindAddress())
                ? Optional.empty() : web.publicAddressText();
        return new WebRtcEndpointContext(node.webPorts(), node.io(), certificate, handshakes, publicAddress);
    }
}
