package org.webims.webrtc;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import org.webims.webrtc.ice.IceCandidate;

/**
 * A WebRtcEndpoint's own ICE candidates: one socket per web interface (decision 0075), which of them
 * are still open (Kurento's {@code networkInterfaces}), and the addresses announced for each — its
 * bind address or, in its place, Kurento's external address of its family ({@code externalIPv4}/
 * {@code externalIPv6}), and the public address in front of it. Guarded by the endpoint's lock, except
 * {@link #ofSocket}, which the I/O thread's pair events read.
 */
final class LocalCandidates {

    private final List<WebRtcEndpointContext.WebInterface> interfaces;
    private final int[] ports;
    private final boolean[] open;
    private InetAddress externalIpv4;
    private InetAddress externalIpv6;
    /** What the SDP and trickle announce: refilled in place, since the negotiator holds this list. */
    private final List<IceCandidate> announced = new ArrayList<>();
    /**
     * Each socket's host candidate as announced, by index: the local candidate of its pairs, on the
     * external address where one replaces the bind address (the only address of it the browser knows).
     */
    private volatile List<IceCandidate> bySocket = List.of();

    /** {@code ports}: each web interface's socket's port, by index. */
    LocalCandidates(List<WebRtcEndpointContext.WebInterface> interfaces, int[] ports) {
        this.interfaces = List.copyOf(interfaces);
        this.ports = ports.clone();
        this.open = new boolean[ports.length];
        java.util.Arrays.fill(open, true);
        relist();
    }

    /**
     * Lists the open sockets' candidates: each one's host candidate, on its bind address or, where
     * Kurento's external address of its family is set, on that address instead (kms rewrites its host
     * candidates so: decision 0083), then one per public address in front of it. Each has its own local
     * preference, so every priority differs (RFC 8445 §5.1.2.1).
     */
    private void relist() {
        announced.clear();
        List<IceCandidate> hosts = new ArrayList<>(ports.length);
        for (int i = 0; i < ports.length; i++) {
            WebRtcEndpointContext.WebInterface web = interfaces.get(i);
            int port = ports[i];
            IceCandidate host = IceCandidate.host(announced.size(), new InetSocketAddress(web.ports().bindAddress(), port));
            if (!open[i]) {
                hosts.add(host);
                continue;
            }
            InetAddress external = external(web);
            IceCandidate own = external == null ? host
                    : IceCandidate.host(announced.size(), new InetSocketAddress(external, port));
            hosts.add(own); // the address the browser was told for this socket, and so checks (decision 0091)
            announced.add(own);
            web.publicAddress().ifPresent(
                    a -> announced.add(IceCandidate.host(announced.size(), new InetSocketAddress(a, port))));
        }
        bySocket = List.copyOf(hosts);
    }

    private InetAddress external(WebRtcEndpointContext.WebInterface web) {
        return web.ports().bindAddress() instanceof Inet6Address ? externalIpv6 : externalIpv4;
    }

    /** The live list the SDP negotiator announces (refilled in place by every change). */
    List<IceCandidate> announced() {
        return announced;
    }

    /**
     * The local candidate of a pair on socket {@code socket}: its host candidate as announced, on its
     * bind address or the external address that replaces it (a check to the public address in front
     * of it arrives on the same socket and cannot be told apart).
     */
    IceCandidate ofSocket(int socket) {
        return bySocket.get(socket);
    }

    /** The first open socket: the SDP's m= and c= lines. */
    int firstOpen() {
        for (int i = 0; i < open.length; i++) {
            if (open[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no socket open");
    }

    int port(int socket) {
        return ports[socket];
    }

    boolean isOpen(int socket) {
        return open[socket];
    }

    /** The c= address: the first open socket's external address if set, else its public one, else its bind address. */
    String advertised() {
        WebRtcEndpointContext.WebInterface web = interfaces.get(firstOpen());
        InetAddress external = external(web);
        return external != null ? external.getHostAddress() : web.advertised();
    }

    /**
     * Keeps the sockets at {@code indexes} and hands each other open one to {@code close}.
     *
     * @throws IllegalArgumentException for no index, or one out of range or already closed
     */
    void keepOnly(Set<Integer> indexes, IntConsumer close) {
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("at least one web interface must be kept");
        }
        for (int i : indexes) {
            if (i < 0 || i >= open.length || !open[i]) {
                throw new IllegalArgumentException("no open web interface " + i);
            }
        }
        for (int i = 0; i < open.length; i++) {
            if (open[i] && !indexes.contains(i)) {
                open[i] = false;
                close.accept(i);
            }
        }
        relist();
    }

    /**
     * Sets the external address of one family; null clears it.
     *
     * @throws IllegalArgumentException for an address of the other family
     */
    void external(boolean ipv6, InetAddress address) {
        if (address != null && (address instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException("'" + address.getHostAddress() + "' is not an IPv" + (ipv6 ? 6 : 4)
                    + " address");
        }
        if (ipv6) {
            externalIpv6 = address;
        } else {
            externalIpv4 = address;
        }
        relist();
    }

    InetAddress external(boolean ipv6) {
        return ipv6 ? externalIpv6 : externalIpv4;
    }

    /** Indexes of the open sockets. */
    Set<Integer> openSockets() {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < open.length; i++) {
            if (open[i]) {
                out.add(i);
            }
        }
        return out;
    }
}
