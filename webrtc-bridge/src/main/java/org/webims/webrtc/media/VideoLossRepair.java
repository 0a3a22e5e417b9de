package org.webims.webrtc.media;

import java.util.function.LongSupplier;
import org.webims.media.rtp.session.NackRequests;

/**
 * The repair of the browser's video stream (decision 0062): which packets to ask for by generic
 * NACK (RFC 4585 §6.2.1), the PLI where that gives up (§6.3.1), and what the browser's RTX
 * (RFC 4588) brought. Made by the inbound path when the first video packet of a stream that takes
 * nack arrives, so that an audio-only call, a relay's common case, neither allocates nor lays out
 * any of it next to the state it touches per packet (decision 0045). One thread: the I/O thread.
 */
final class VideoLossRepair {

    /** Packets one NACK asks for at most: 64 FCI entries (268 bytes); the rest go in the next one. */
    private static final int MAX_NACKED = 64;

    final NackRequests nacks = new NackRequests();
    private final int[] lost = new int[MAX_NACKED];
    // read by getStats from other threads, a packet late at most
    long rtxRepaired;
    long rtxUnneeded;

    /**
     * Asks the browser's stream {@code ssrc} for the packets due now, in one NACK, or for a key
     * frame where the asking gave up. {@code roundTripUnits} gives the last round trip measured to
     * the browser in 1/65536 s (RFC 3550 §6.4.1), -1 while none is; read only when something is due.
     */
    void askForMissing(int ssrc, long nowNanos, RtcpOut out, LongSupplier roundTripUnits) {
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
}
