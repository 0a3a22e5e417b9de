package org.webims.media.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The last address a registration's ring sent to with an address (an unconnected socket: the WebRTC
 * leg's nominated pair, a latching leg's peer), as the two numbers a {@code sockaddr_in} takes,
 * remembered by the address object's identity. A sender hands the same object for every packet of a
 * peer (the ICE agent's selected pair, the peer filter's peer), so a packet reads two ints of this
 * object instead of the four objects behind a socket address (the address, its holder, the IP address,
 * its holder), which a relay of many calls finds cold at every packet (decision 0048). An
 * {@link InetSocketAddress} is immutable, so identity implies the same numbers. The loop thread's only.
 */
final class Ipv4Destination {

    private InetSocketAddress last;
    private int ip;
    private int port;

    /** Makes {@code to} the remembered one; false (and nothing remembered) when it is not an IPv4 address. */
    boolean remember(InetSocketAddress to) {
        if (to == last) {
            return true;
        }
        InetAddress address = to.getAddress();
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        ip = address.hashCode(); // Inet4Address's hash is its address, big-endian in an int
        port = to.getPort();
        last = to;
        return true;
    }

    /** The remembered address, big-endian in an int. */
    int ip() { return ip; }

    int port() { return port; }
}
