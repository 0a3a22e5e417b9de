package org.webims.media.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one side's media sockets bind and what address that side advertises: the web side
 * (WebRTC's ICE host candidates) or the IMS side (RTP's SDP c= line). A carrier puts the two on
 * different networks, browsers on a public-facing interface, the IMS core on a private one.
 *
 * @param publicAddress what a 1:1 NAT maps {@code bindAddress} to, advertised instead; or null
 */
public record MediaInterface(InetAddress bindAddress, InetAddress publicAddress) {

    public MediaInterface {
        Objects.requireNonNull(bindAddress, "bindAddress");
    }

    /**
     * One side's interface from its own settings, each null where not set, over the shared one: a
     * public address is what a NAT maps one bind address to, so the shared public address carries
     * over only to a side that keeps the shared bind address.
     */
    public static MediaInterface side(MediaInterface shared, InetAddress bindAddress, InetAddress publicAddress) {
        if (bindAddress == null) {
            return new MediaInterface(shared.bindAddress, publicAddress != null ? publicAddress : shared.publicAddress);
        }
        return new MediaInterface(bindAddress, publicAddress);
    }

    /** The address to advertise: the public one if configured, else the bind address. */
    public InetAddress advertisedAddress() {
        return publicAddress != null ? publicAddress : bindAddress;
    }

    /** The public address as text, if one is configured (WebRTC offers it as a second candidate). */
    public Optional<String> publicAddressText() {
        return Optional.ofNullable(publicAddress).map(InetAddress::getHostAddress);
    }

    /**
     * A literal IP address, never a name: a node binds what it is told, it does not resolve names.
     *
     * @throws IllegalArgumentException {@code 'text' is not an IP address}
     */
    public static InetAddress literal(String text) {
        if (!text.matches("[0-9.]+") && !text.matches("[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }
}
