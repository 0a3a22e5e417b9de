package org.webims.media.rtp.session;

import java.net.InetSocketAddress;

/**
 * Decides whether a datagram comes from the negotiated peer. Strict by default: only the address
 * and port the SDP named. With latching (configured for peers behind NAT, RFC 7362 §3.2.1) the
 * first packet from any address after negotiation fixes the peer, and nothing else is accepted
 * afterwards. Counts what it rejects. One I/O thread calls {@link #accept}.
 */
public final class RemotePeerFilter {

    public enum Mode { STRICT, LATCH }

    private final Mode mode;
    private volatile InetSocketAddress expected;
    private volatile boolean latched;
    private long rejected;

    public RemotePeerFilter(Mode mode) {
        this.mode = mode;
    }

    /** The peer the SDP named (null: none yet, everything is rejected). Resets any latch. */
    public void expect(InetSocketAddress peer) {
        this.expected = peer;
        this.latched = false;
    }

    public boolean accept(InetSocketAddress from) {
        InetSocketAddress want = expected;
        if (want == null) {
            rejected++;
            return false;
        }
        if (from.getPort() == want.getPort() && from.getAddress().equals(want.getAddress())) {
            latched = true;
            return true;
        }
        if (mode == Mode.LATCH && !latched) {
            expected = from;
            latched = true;
            return true;
        }
        rejected++;
        return false;
    }

    /** Where to send: the negotiated peer, or the latched one. */
    public InetSocketAddress peer() { return expected; }
    public long rejected() { return rejected; }
    public Mode mode() { return mode; }
}
