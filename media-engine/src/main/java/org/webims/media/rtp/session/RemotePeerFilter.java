package org.webims.media.rtp.session;

import java.net.InetSocketAddress;

/**
 * Decides whether a datagram comes from the negotiated peer. Strict by default: only the address
 * and port the SDP named. With latching (configured for peers behind NAT, RFC 7362 §3.2.1) the
 * first packet from any address after negotiation fixes the peer, and nothing else is accepted
 * afterwards. Counts what it rejects. One I/O thread calls {@link #accept}; one thread at a time
 * calls {@link #expect}.
 *
 * <p>The media I/O hands every datagram of a sender the same address object, so the filter
 * remembers the last sender it accepted as that very object, together with the {@link #expect}
 * it was accepted under: the next datagram from it is one identity comparison, instead of a walk
 * through the four objects of each address (socket address, its holder, the IP address, its
 * holder) that a relay of many calls finds cold at every packet, and no volatile write of the latch
 * (decision 0045). Identity implies equality, and a new {@link #expect} forgets the match, so the
 * filter accepts exactly what it did before.
 */
public final class RemotePeerFilter {

    public enum Mode { STRICT, LATCH }

    private final Mode mode;
    private volatile InetSocketAddress expected;
    private volatile boolean latched;
    private long rejected;
    /** Bumped by every {@link #expect}, after the peer and the latch: a match made under an older one is forgotten. */
    private volatile int generation;
    // the I/O thread's own: the sender last accepted, as the very object, and the generation it was accepted under
    private InetSocketAddress lastAccepted;
    private int lastAcceptedGeneration;

    public RemotePeerFilter(Mode mode) {
        this.mode = mode;
    }

    /** The peer the SDP named (null: none yet, everything is rejected). Resets any latch. */
    public void expect(InetSocketAddress peer) {
        this.expected = peer;
        this.latched = false;
        generation++; // single writer (the signalling thread of the endpoint): no lost update
    }

    public boolean accept(InetSocketAddress from) {
        int g = generation; // read before the peer: a match is remembered under the generation it saw, or an older one
        if (from == lastAccepted && g == lastAcceptedGeneration && from != null) {
            return true;
        }
        InetSocketAddress want = expected;
        if (want == null) {
            rejected++;
            return false;
        }
        if (from.getPort() == want.getPort() && from.getAddress().equals(want.getAddress())) {
            latched = true;
            remember(from, g);
            return true;
        }
        if (mode == Mode.LATCH && !latched) {
            expected = from;
            latched = true;
            remember(from, g);
            return true;
        }
        rejected++;
        return false;
    }

    private void remember(InetSocketAddress from, int g) {
        lastAccepted = from;
        lastAcceptedGeneration = g;
    }

    /** Where to send: the negotiated peer, or the latched one. */
    public InetSocketAddress peer() { return expected; }
    public long rejected() { return rejected; }
    public Mode mode() { return mode; }
}
