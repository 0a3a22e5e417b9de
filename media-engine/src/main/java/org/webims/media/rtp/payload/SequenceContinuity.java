package org.webims.media.rtp.payload;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.RtpSequence;

/** Tracks the last RTP sequence number seen to tell in-order, lost and old packets apart. */
public final class SequenceContinuity {

    private boolean started;
    private int last;

    /**
     * Accounts {@code seq}: returns 0 if it follows the last one (or is the first), the number of
     * missing packets before it if some were skipped, or -1 if it is old or a duplicate (in which
     * case the state does not move).
     */
    public int next(int seq) {
        seq &= 0xFFFF;
        if (!started) {
            started = true;
            last = seq;
            return 0;
        }
        int d = RtpSequence.delta(seq, last);
        if (d <= 0) {
            return -1;
        }
        last = seq;
        return d - 1;
    }

    /**
     * The common start of a depacketizer's push: counts the packet, then {@link #next} on its
     * sequence number, counting an old one as OUT_OF_ORDER (drop it) and a gap as LOSS.
     *
     * @return -1 to drop the packet, else the number of packets missing before it
     */
    public int admit(RtpPacket packet, PacketCounters counters) {
        counters.packet(packet.length());
        int missing = next(packet.sequenceNumber());
        if (missing < 0) {
            counters.fault(PacketFault.OUT_OF_ORDER);
        } else if (missing > 0) {
            counters.fault(PacketFault.LOSS, missing);
        }
        return missing;
    }

    public void reset() {
        started = false;
    }
}
