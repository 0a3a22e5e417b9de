package org.webims.media.rtp.payload;

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

    public void reset() {
        started = false;
    }
}
