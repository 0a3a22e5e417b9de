package org.webims.media.rtp.session;

import org.webims.media.rtp.NtpTime;
import org.webims.media.rtp.ReportBlock;

/**
 * What the far receiver tells us about one stream we send: its latest reception report block
 * about our SSRC (RFC 3550 §6.4.1: fraction lost, cumulative lost, interarrival jitter, and the
 * round trip from LSR and DLSR), and the feedback it sent for it: PLI (RFC 4585 §6.3.1), FIR
 * (RFC 5104 §4.3.1), generic NACK (RFC 4585 §6.2.1), and the latest REMB
 * (draft-alvestrand-rmcat-remb-03 §2.2) naming it. Plain fields with one writer, the thread that
 * reads the peer's RTCP; a reader on another thread (getStats) may see them a report late.
 */
public final class OutboundFeedback {

    private int fractionLost;
    private int packetsLost;
    private long jitter;
    private long roundTripUnits = -1;
    private long reports;
    private long firCount;
    private long pliCount;
    private long nackCount;
    private long remb;
    private final ReportedLoss smoothedLoss = new ReportedLoss();

    /**
     * A report block about our SSRC (the caller matched it), arrived at NTP time {@code arrivalNtp}
     * and at {@code nowNanos} on System.nanoTime (the clock the loss is smoothed by).
     */
    public void reportBlock(ReportBlock block, long arrivalNtp, long nowNanos) {
        reports++;
        smoothedLoss.add(block.fractionLost, nowNanos);
        fractionLost = block.fractionLost;
        packetsLost = block.cumulativeLost;
        jitter = block.jitter;
        long rtt = NtpTime.roundTripUnits(arrivalNtp, block.lastSenderReport, block.delaySinceLastSenderReport);
        if (rtt >= 0) { // no LSR yet (none of our SRs reached it): the last round trip stands
            roundTripUnits = rtt;
        }
    }

    /** A PLI (RFC 4585 §6.3.1) or, with {@code fullIntraRequest}, a FIR (RFC 5104 §4.3.1) for this stream. */
    public void keyframeRequested(boolean fullIntraRequest) {
        if (fullIntraRequest) {
            firCount++;
        } else {
            pliCount++;
        }
    }
    public void nack() { nackCount++; }
    public void remb(long bitsPerSecond) { remb = bitsPerSecond; }

    /** Fraction lost since the receiver's previous report, in 1/256 (RFC 3550 §6.4.1). */
    public int fractionLost() { return fractionLost; }
    /** The receiver's fraction lost smoothed over its reports, for our encoder's redundancy. */
    public ReportedLoss smoothedLoss() { return smoothedLoss; }
    /** Cumulative packets lost as the receiver counts them (signed: duplicates can make it negative). */
    public int packetsLost() { return packetsLost; }
    /** Interarrival jitter in timestamp units of the stream. */
    public long jitter() { return jitter; }
    /** The last round trip in 1/65536 s, -1 while no report has carried an LSR. */
    public long roundTripUnits() { return roundTripUnits; }
    /** The last round trip in milliseconds, -1 while no report has carried an LSR. */
    public long roundTripMillis() { return roundTripUnits < 0 ? -1 : NtpTime.unitsToMillis(roundTripUnits); }
    /** Report blocks about this stream received. */
    public long reports() { return reports; }
    public long firCount() { return firCount; }
    public long pliCount() { return pliCount; }
    public long nackCount() { return nackCount; }
    /** The latest REMB bitrate naming this stream in bits per second, 0 if none came. */
    public long remb() { return remb; }
}
