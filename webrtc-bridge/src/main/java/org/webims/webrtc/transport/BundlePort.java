package org.webims.webrtc.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.webims.media.transport.DatagramHandler;
import org.webims.media.transport.MediaIoLoop;
import org.webims.webrtc.ice.CheckedPair;
import org.webims.webrtc.ice.IceLiteAgent;
import org.webims.webrtc.ice.IceState;

/**
 * The UDP ports of a WebRTC endpoint, one per web interface, all carrying the one bundled transport
 * (BUNDLE, RFC 9143; rtcp-mux, RFC 5761), read by the engine's I/O loop. Datagrams are told apart
 * by their first byte (RFC 7983): STUN goes to the ICE-lite agent and its response straight back
 * from the socket it came in on; DTLS and SRTP/SRTCP are accepted only over pairs a connectivity
 * check validated, from that address on that socket (decision 0008), the rest is dropped and
 * counted. Sending goes from the nominated pair's socket to its remote, and only while consent
 * holds. The port itself reads socket 0, so the one-socket path is what it always was; each other
 * socket has a small {@link Leg} that passes its index.
 */
public final class BundlePort implements DatagramHandler, AutoCloseable {

    /** Where the port hands the DTLS records it accepted; called on the I/O thread. */
    public interface Receiver {
        void dtls(byte[] buffer, int offset, int length, InetSocketAddress from);
    }

    /**
     * Where the port hands the SRTP and SRTCP it accepted, on the I/O thread: the media session's
     * inbound path itself, not through the endpoint and its session, two more objects that a relay of
     * many calls finds cold at every packet (decision 0045).
     */
    @FunctionalInterface
    public interface MediaInput {
        void rtp(byte[] buffer, int offset, int length, long nowNanos);
    }

    private final DatagramChannel[] channels;
    private final IceLiteAgent ice;
    private final Receiver receiver;
    private MediaInput media; // set by start, before the loop's thread reads the port
    private final BundleCounters counters = new BundleCounters();
    private final byte[] stunResponse = new byte[512];
    private final ByteBuffer stunView = ByteBuffer.wrap(stunResponse);
    /** Each socket's registration, by index; set whole once all are registered. */
    private volatile MediaIoLoop.Registration[] registrations;
    private volatile CheckedPair lastDtlsPeer;
    /** Sockets {@link #closeSocket} closed before any check could reach them; guarded by this. */
    private final boolean[] closedEarly;

    public BundlePort(DatagramChannel channel, IceLiteAgent ice, Receiver receiver) {
        this(List.of(channel), ice, receiver);
    }

    /** Sockets by index (the agent's local index of a pair), at least one. */
    public BundlePort(List<DatagramChannel> channels, IceLiteAgent ice, Receiver receiver) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one socket");
        }
        this.channels = channels.toArray(new DatagramChannel[0]);
        this.closedEarly = new boolean[this.channels.length];
        this.ice = ice;
        this.receiver = receiver;
    }

    /**
     * Starts reading on the loop's thread for {@code group} (the endpoint's pipeline: its other
     * endpoints' sockets are there too), SRTP and SRTCP to {@code media}.
     */
    public void start(MediaIoLoop loop, Object group, MediaInput media) {
        this.media = media; // published to the loop's thread by the registration
        MediaIoLoop.Registration[] rs = new MediaIoLoop.Registration[channels.length];
        try {
            for (int i = 0; i < channels.length; i++) {
                rs[i] = loop.register(channels[i], i == 0 ? this : new Leg(i), group);
            }
        } catch (RuntimeException | Error e) {
            closeAll(rs); // none left open behind a failed start
            throw e;
        }
        registrations = rs;
    }

    /** Socket 0's address: the first web interface's, the SDP's c= line. */
    public InetSocketAddress localAddress() {
        return localAddress(0);
    }

    public InetSocketAddress localAddress(int socket) {
        try {
            return (InetSocketAddress) channels[socket].getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("bundle port closed", e);
        }
    }

    public int sockets() { return channels.length; }

    public BundleCounters counters() { return counters; }

    /** Socket 0's datagrams. */
    @Override
    public void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from) {
        received(0, buffer, offset, length, from);
    }

    /** What socket {@code local} read. */
    private void received(int local, byte[] buffer, int offset, int length, InetSocketAddress from) {
        if (length == 0) {
            counters.unknown++;
            return;
        }
        switch (WireProtocol.of(buffer[offset])) {
            case STUN -> {
                counters.stun++;
                int n = ice.handleStun(buffer, offset, length, local, from, stunResponse, System.nanoTime());
                if (n > 0) {
                    stunView.clear().limit(n);
                    sendQuietly(stunView, local, from, null); // back from the socket the check came in on
                }
            }
            case DTLS -> {
                CheckedPair pair = ice.validatedPair(local, from);
                if (pair == null) {
                    counters.fromUnvalidated++;
                    return;
                }
                counters.dtls++;
                counters.received(length);
                pair.received(length);
                lastDtlsPeer = pair;
                receiver.dtls(buffer, offset, length, from);
            }
            case RTP -> {
                CheckedPair pair = ice.validatedPair(local, from);
                if (pair == null) {
                    counters.fromUnvalidated++;
                    return;
                }
                counters.rtp++;
                counters.received(length);
                pair.received(length);
                media.rtp(buffer, offset, length, System.nanoTime());
            }
            default -> counters.unknown++;
        }
    }

    /**
     * Sends to the nominated pair, or for DTLS before a nomination to the validated address DTLS
     * came from; false (counted) when there is nowhere to send or consent is lost (RFC 7675 §5.1).
     * {@code packet} runs from its position to its limit. Thread-safe; on the I/O thread batched with
     * its other sends and receives (decision 0020).
     */
    public boolean send(ByteBuffer packet, boolean dtls) {
        CheckedPair to = destination(dtls);
        return to != null && sendQuietly(packet, to.local(), to.remote(), to);
    }

    /**
     * Media (SRTP, SRTCP) to the nominated pair, as {@link #send(ByteBuffer, boolean)}, from
     * {@code length} bytes of {@code packet} at {@code offset}: on the I/O thread they go straight into
     * its ring (decision 0036); {@code staging} is the caller's direct buffer for a send by system call.
     */
    public boolean sendMedia(byte[] packet, int offset, int length, ByteBuffer staging) {
        CheckedPair to = destination(false);
        if (to == null) {
            return false;
        }
        MediaIoLoop.Registration[] rs = registrations;
        if (rs == null) {
            staging.clear();
            staging.put(packet, offset, length).flip();
            return sendQuietly(staging, to.local(), to.remote(), to);
        }
        MediaIoLoop.Registration r = rs[to.local()]; // the nominated pair's socket
        try {
            if (r.send(packet, offset, length, staging, to.remote()) > 0) {
                counters.sent(length);
                to.sent(length);
                return true;
            }
        } catch (IOException e) {
            // a full socket buffer or an ICMP error: media is loss-tolerant, count and go on
        }
        counters.notSent++;
        return false;
    }

    // the nominated pair (before nomination, a DTLS record goes back to where the last one came from);
    // null, counted as not sent, when there is none or ICE failed
    private CheckedPair destination(boolean dtls) {
        CheckedPair to = ice.selectedPair();
        if (to == null && dtls) {
            to = lastDtlsPeer;
        }
        if (to == null || ice.state() == IceState.FAILED) {
            counters.notSent++;
            return null;
        }
        return to;
    }

    // pair: where DTLS and SRTP are counted; null for STUN, counted by the agent as responses
    // local: the socket it leaves from
    private boolean sendQuietly(ByteBuffer packet, int local, InetSocketAddress to, CheckedPair pair) {
        MediaIoLoop.Registration[] rs = registrations;
        int length = packet.remaining();
        try {
            // the loop's registration: batched on its thread
            if ((rs != null ? rs[local].send(packet, to) : channels[local].send(packet, to)) > 0) {
                if (pair != null) {
                    counters.sent(length);
                    pair.sent(length);
                }
                return true;
            }
        } catch (IOException e) {
            // a full socket buffer or an ICMP error: media is loss-tolerant, count and go on
        }
        counters.notSent++;
        return false;
    }

    /**
     * Stops reading socket {@code index} and frees it, before the endpoint announced it (Kurento's
     * networkInterfaces narrowing the interfaces): no pair can form on it, so no send picks it.
     */
    public synchronized void closeSocket(int index) {
        if (closedEarly[index]) {
            return;
        }
        closedEarly[index] = true;
        MediaIoLoop.Registration[] rs = registrations;
        closeOne(rs != null ? rs[index] : null, index);
    }

    /** Stops reading and frees every socket; idempotent. */
    @Override
    public void close() {
        MediaIoLoop.Registration[] rs = registrations;
        closeAll(rs != null ? rs : new MediaIoLoop.Registration[channels.length]);
    }

    // each registered socket through its registration, the others directly
    private synchronized void closeAll(MediaIoLoop.Registration[] rs) {
        for (int i = 0; i < channels.length; i++) {
            if (!closedEarly[i]) {
                closeOne(rs[i], i);
            }
        }
    }

    private void closeOne(MediaIoLoop.Registration r, int index) {
        if (r != null) {
            r.close();
        } else {
            try {
                channels[index].close();
            } catch (IOException e) {
                // closing a never-read channel: nothing to recover
            }
        }
    }

    /** Socket {@code index}'s reader (any but the first): hands its datagrams on with the index. */
    private final class Leg implements DatagramHandler {
        private final int index;

        Leg(int index) {
            this.index = index;
        }

        @Override
        public void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from) {
            received(index, buffer, offset, length, from);
        }
    }
}
