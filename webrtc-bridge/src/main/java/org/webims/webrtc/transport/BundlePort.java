package org.webims.webrtc.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.webims.media.transport.DatagramHandler;
import org.webims.media.transport.MediaIoLoop;
import org.webims.webrtc.ice.CheckedPair;
import org.webims.webrtc.ice.IceLiteAgent;
import org.webims.webrtc.ice.IceState;

/**
 * The one UDP port of a WebRTC endpoint (BUNDLE, RFC 9143; rtcp-mux, RFC 5761), read by the
 * engine's I/O loop. Datagrams are told apart by their first byte (RFC 7983): STUN goes to the
 * ICE-lite agent and its response straight back; DTLS and SRTP/SRTCP are accepted only from
 * addresses a connectivity check validated (decision 0008), the rest is dropped and counted.
 * Sending goes to the pair the browser nominated, and only while consent holds.
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

    private final DatagramChannel channel;
    private final IceLiteAgent ice;
    private final Receiver receiver;
    private MediaInput media; // set by start, before the loop's thread reads the port
    private final BundleCounters counters = new BundleCounters();
    private final byte[] stunResponse = new byte[512];
    private final ByteBuffer stunView = ByteBuffer.wrap(stunResponse);
    private volatile MediaIoLoop.Registration registration;
    private volatile CheckedPair lastDtlsPeer;

    public BundlePort(DatagramChannel channel, IceLiteAgent ice, Receiver receiver) {
        this.channel = channel;
        this.ice = ice;
        this.receiver = receiver;
    }

    /**
     * Starts reading on the loop's thread for {@code group} (the endpoint's pipeline: its other
     * endpoints' sockets are there too), SRTP and SRTCP to {@code media}.
     */
    public void start(MediaIoLoop loop, Object group, MediaInput media) {
        this.media = media; // published to the loop's thread by the registration
        registration = loop.register(channel, this, group);
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("bundle port closed", e);
        }
    }

    public BundleCounters counters() { return counters; }

    @Override
    public void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from) {
        if (length == 0) {
            counters.unknown++;
            return;
        }
        switch (WireProtocol.of(buffer[offset])) {
            case STUN -> {
                counters.stun++;
                int n = ice.handleStun(buffer, offset, length, from, stunResponse, System.nanoTime());
                if (n > 0) {
                    stunView.clear().limit(n);
                    sendQuietly(stunView, from, null);
                }
            }
            case DTLS -> {
                CheckedPair pair = ice.validatedPair(from);
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
                CheckedPair pair = ice.validatedPair(from);
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
        return to != null && sendQuietly(packet, to.remote(), to);
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
        MediaIoLoop.Registration r = registration;
        if (r == null) {
            staging.clear();
            staging.put(packet, offset, length).flip();
            return sendQuietly(staging, to.remote(), to);
        }
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
    private boolean sendQuietly(ByteBuffer packet, InetSocketAddress to, CheckedPair pair) {
        MediaIoLoop.Registration r = registration;
        int length = packet.remaining();
        try {
            if ((r != null ? r.send(packet, to) : channel.send(packet, to)) > 0) { // the loop's: batched on its thread
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

    /** Stops reading and frees the port; idempotent. */
    @Override
    public void close() {
        MediaIoLoop.Registration r = registration;
        if (r != null) {
            r.close();
        } else {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a never-read channel: nothing to recover
            }
        }
    }
}
