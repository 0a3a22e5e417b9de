package org.webims.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media socket connected to its one negotiated peer ({@link MediaIoLoop.Registration#connect},
 * decision 0046), through the JDK's channel so that the channel's own sends and receives know it:
 * the kernel then delivers only that peer's datagrams to the socket, and a send without an address
 * takes the socket's cached route instead of a route lookup per datagram. In exchange the socket
 * reports the peer's ICMP port-unreachable as {@code ECONNREFUSED} (a
 * {@link PortUnreachableException} from the JDK) on its next send or receive; callers count those
 * as refusals and carry on, since the peer may come back.
 */
final class PeerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);

    private PeerConnection() {
    }

    /**
     * Connects {@code channel} to {@code peer} (null: disconnects it, {@code AF_UNSPEC}), dropping
     * an earlier connection first (the JDK connects only an unconnected channel). Answers the peer
     * the socket is connected to afterwards: {@code peer}, or null when it stays unconnected (a
     * refusal, e.g. an IPv6 peer on an IPv4 socket: sends then carry their address, as before).
     */
    static InetSocketAddress connect(DatagramChannel channel, InetSocketAddress peer) {
        try {
            if (channel.isConnected()) {
                if (peer != null && peer.equals(channel.getRemoteAddress())) {
                    return peer;
                }
                channel.disconnect();
            }
            if (peer == null) {
                return null;
            }
            try {
                channel.connect(peer); // the JDK also discards what the socket had queued from anyone
            } catch (PortUnreachableException earlier) {
                // an ICMP error of the old peer, reported by that discarding read after the connect
            }
            return channel.isConnected() ? peer : null;
        } catch (IOException | RuntimeException e) {
            LOG.atDebug().setCause(e).addKeyValue("peer", peer).log("media socket not connected to its peer; sends carry the address");
            try {
                channel.disconnect();
            } catch (IOException | RuntimeException ignored) {
                // closed meanwhile
            }
            return null;
        }
    }

    /**
     * One send by system call through the channel; a refusal by the connected peer is counted and
     * thrown. On a connected channel the JDK refuses any destination but the peer (a sender that
     * read the destination while a re-negotiation moves the connection): that is an
     * {@link AlreadyConnectedException}, for the caller to deal with ({@link #send},
     * {@code UringRegistration.sendByCall}).
     */
    static int sendOrRefuse(DatagramChannel channel, ByteBuffer packet, InetSocketAddress to, AtomicLong refusals)
            throws IOException {
        try {
            return channel.send(packet, to);
        } catch (PortUnreachableException refused) {
            refusals.incrementAndGet();
            throw refused;
        }
    }

    /**
     * As {@link #sendOrRefuse}, a send to another destination than the connected peer an
     * {@link IOException} (counted by the caller as a send error, never a runtime exception up the
     * media path).
     */
    static int send(DatagramChannel channel, ByteBuffer packet, InetSocketAddress to, AtomicLong refusals)
            throws IOException {
        try {
            return sendOrRefuse(channel, packet, to, refusals);
        } catch (AlreadyConnectedException moved) {
            throw new IOException("media socket connected to another peer than " + to);
        }
    }
}
