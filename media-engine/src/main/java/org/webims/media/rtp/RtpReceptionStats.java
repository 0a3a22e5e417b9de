package org.webims.media.rtp;

/**
 * Per-source reception state of RFC 3550 Appendix A: extended highest sequence number with
 * wrap-around, probation of a new source and the MAX_DROPOUT / MAX_MISORDER rules (A.1), packets
 * lost and fraction lost (A.3), interarrival jitter (A.8), and LSR/DLSR for the report block.
 */
public final class RtpReceptionStats {

    public static final int MIN_SEQUENTIAL = 2;
    public static final int MAX_DROPOUT = 3000;
    public static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final int ssrc;
    private final int minSequential;
    private boolean initialised;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean haveTransit;
    private int transit;
    private long jitterQ4; // jitter * 16, RFC 3550 A.8
    private int lastSr;
    private long lastSrArrivalNanos;

    /** Stats for source {@code ssrc} with the RFC's probation of {@link #MIN_SEQUENTIAL} packets. */
    public RtpReceptionStats(int ssrc) {
        this(ssrc, MIN_SEQUENTIAL);
    }

    /** {@code minSequential} packets in sequence validate a new source (0 or 1: the first does). */
    public RtpReceptionStats(int ssrc, int minSequential) {
        this.ssrc = ssrc;
        this.minSequential = Math.max(1, minSequential);
    }

    public int ssrc() {
        return ssrc;
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /**
     * Accounts one packet. {@code arrival} is its arrival time in RTP timestamp units of the same
     * clock. Returns false while the source is on probation or for a packet the A.1 rules reject.
     */
    public boolean update(int seq, long rtpTimestamp, long arrival) {
        seq &= 0xFFFF;
        if (!initialised) {
            initialised = true;
            initSeq(seq);
            maxSeq = (seq - 1) & 0xFFFF;
            probation = minSequential;
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    updateJitter(rtpTimestamp, arrival);
                    return true;
                }
            } else {
                probation = minSequential - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                initSeq(seq); // two sequential packets after a jump: the source restarted
                haveTransit = false;
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: duplicate or reordered packet, counted but does not move maxSeq
        received++;
        updateJitter(rtpTimestamp, arrival);
        return true;
    }

    /**
     * Accounts a packet the caller knows was missing and has now arrived as a retransmission (RFC
     * 4588, restored from its rtx stream): received, as A.3 counts packets received, so the loss
     * reported is the loss after repair (libwebrtc counts recovered packets so too). Only a
     * packet behind the highest sequence number counts (one ahead of it, resent before the original
     * came, would be counted again when the original comes), and it moves nothing else; it is no
     * jitter sample (A.8): its delay is the repair's, not the path's.
     */
    public void receivedLate(int seq) {
        int behind = (maxSeq - seq) & 0xFFFF;
        if (initialised && probation == 0 && behind > 0 && behind < MAX_DROPOUT) {
            received++;
        }
    }

    private void updateJitter(long rtpTimestamp, long arrival) {
        int t = (int) (arrival - rtpTimestamp);
        if (haveTransit) {
            int d = Math.abs(t - transit);
            jitterQ4 += d - ((jitterQ4 + 8) >> 4);
        }
        transit = t;
        haveTransit = true;
    }

    /**
     * Notes a Sender Report from this source (for LSR/DLSR), arrived at {@code arrivalNanos} of
     * {@link System#nanoTime}: the DLSR is then a monotonic delay as fine as its 1/65536 s unit,
     * so the sender's round trip (RFC 3550 §6.4.1) is not off by up to a millisecond.
     */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSr = NtpTime.middle32(ntpTimestamp);
        lastSrArrivalNanos = arrivalNanos;
    }

    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    public long received() {
        return received;
    }

    public long expected() {
        return received == 0 && probation > 0 ? 0 : extendedHighestSequence() - baseSeq + 1;
    }

    /** Cumulative lost, clamped to the signed 24-bit field (RFC 3550 A.3). */
    public int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(-0x800000L, Math.min(0x7FFFFFL, lost));
    }

    /** Interarrival jitter in timestamp units (RFC 3550 A.8). */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    /**
     * Fills a report block and starts a new reporting interval (fraction lost counts from here);
     * {@code nowNanos} on the clock of {@link #onSenderReport}.
     */
    public void takeReport(ReportBlock into, long nowNanos) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        into.ssrc = ssrc;
        into.fractionLost = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        into.cumulativeLost = cumulativeLost();
        into.extendedHighestSequence = extendedHighestSequence() & 0xFFFFFFFFL;
        into.jitter = jitter();
        into.lastSenderReport = lastSr;
        into.delaySinceLastSenderReport = lastSr == 0 ? 0 : NtpTime.toDlsrUnits(nowNanos - lastSrArrivalNanos);
    }
}
