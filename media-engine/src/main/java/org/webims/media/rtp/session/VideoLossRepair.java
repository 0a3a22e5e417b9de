package org.webims.media.rtp.session;

import java.util.function.LongSupplier;

/**
 * The repair of one inbound video stream, for both endpoints (decisions 0062, 0067): which packets
 * to ask for by generic NACK (RFC 4585 §6.2.1), the PLI where that gives up (§6.3.1), and what the
 * sender's RTX (RFC 4588) brought. Made by an inbound path when the first video packet of a stream
 * that takes nack arrives, so that an audio-only call, a relay's common case, neither allocates nor
 * lays out any of it next to the state it touches per packet (decision 0045). One thread: the one
 * receiving the stream.
 */
public final class VideoLossRepair {

    /** Packets one NACK asks for at most: 64 FCI entries (268 bytes); the rest go in the next one. */
    public static final int MAX_NACKED = 64;

    /** Where the asks go: the endpoint's RTCP toward the stream's sender. */
    public interface Feedback {
        /** A generic NACK for {@code lost[0, count)} (ascending) of the sender's stream {@code mediaSsrc}; false if not sent. */
        boolean sendNack(int mediaSsrc, int[] lost, int count);

        /** A PLI for the stream {@code mediaSsrc}: loss that NACK will not repair (RFC 4585 §6.3.1). */
        void sendPli(int mediaSsrc, long nowNanos);
    }

    public final NackRequests nacks = new NackRequests();
    private final int[] lost = new int[MAX_NACKED];
    private final LongSupplier roundTripUnits;
    // read by getStats from other threads, a packet late at most
    private long rtxRepaired;
    private long rtxUnneeded;
    private long rtxPaddingOnly;

    /**
     * {@code roundTripUnits} gives the last round trip measured to the sender in 1/65536 s (RFC 3550
     * §6.4.1), -1 while none is; read only when something is due.
     */
    public VideoLossRepair(LongSupplier roundTripUnits) {
        this.roundTripUnits = roundTripUnits;
    }

    /** Asks the stream {@code ssrc}'s sender for the packets due now, in one NACK, or for a key frame where the asking gave up. */
    public void askForMissing(int ssrc, long nowNanos, Feedback out) {
        if (nacks.anyDue(nowNanos)) {
            nacks.roundTrip(roundTripUnits.getAsLong() * 1_000_000_000L / 65536);
            int n = nacks.due(nowNanos, lost);
            if (n > 0) {
                out.sendNack(ssrc, lost, n);
            }
        }
        if (nacks.takeKeyframeNeeded()) {
            out.sendPli(ssrc, nowNanos);
        }
    }

    /**
     * A packet restored from RTX (RFC 4588 §4) whose sequence number {@code fresh} said was new to
     * us ({@link NackRequests#received}): counted as a repair if so, else as unneeded (a copy of one
     * we have: a sender probes bandwidth with RTX of packets it sent), which is not passed on.
     */
    public boolean retransmission(boolean fresh) {
        if (fresh) {
            rtxRepaired++;
        } else {
            rtxUnneeded++;
        }
        return fresh;
    }

    /** An RTX packet with no original in it (no OSN, or nothing after it): a padding-only bandwidth probe. */
    public void paddingOnly() {
        rtxPaddingOnly++;
    }

    /** RTX packets restored that filled a hole and went on as the original. */
    public long rtxRepaired() { return rtxRepaired; }
    /** RTX packets of ones we had: dropped. */
    public long rtxUnneeded() { return rtxUnneeded; }
    /** RTX packets that carried no original (padding-only probes). */
    public long rtxPaddingOnly() { return rtxPaddingOnly; }
}
