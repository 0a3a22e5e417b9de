package org.webims.webrtc.congestion;

import org.webims.media.rtp.RtcpTransportCc;

/**
 * The send-side bandwidth estimate toward one browser, from its transport-wide congestion control
 * feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1) matched against our
 * {@link SendTimeHistory}: the lower of a delay-based estimate (draft-ietf-rmcat-gcc-02 §5:
 * {@link ArrivalGroups}, {@link DelayTrend}, {@link OveruseDetector}, {@link AimdRateControl}
 * with {@link ReceiveRate}) and a loss-based one (§6, {@link LossBasedControl}), within the
 * configured {@link SendBitrate}.
 *
 * <p>{@link #onFeedback} runs on the thread that reads the browser's RTCP and allocates nothing.
 * The estimate and the counters are read by any thread (getStats); they are plain or volatile
 * fields with one writer.
 *
 * <p>Each feedback's arrival times are its reference time (64 ms units, 24 bits, wrapping) plus
 * the receive deltas (250 µs units) in order; the reference time is unwrapped across feedbacks.
 * Sequence numbers are unwrapped against the highest one already taken: a packet reported twice
 * (the browser may repeat the edge of a window) is taken once. A packet reported as not received
 * counts as lost only if we remember sending it.
 */
public final class SendSideEstimator {

    private final SendTimeHistory history;
    private final SendBitrate bounds;
    private final ArrivalGroups groups = new ArrivalGroups();
    private final DelayTrend trend = new DelayTrend();
    private final OveruseDetector detector = new OveruseDetector();
    private final ReceiveRate receiveRate = new ReceiveRate();
    private final AimdRateControl delayBased;
    private final LossBasedControl lossBased;

    private boolean started;
    private long highestSequence; // unwrapped
    private long referenceTime;   // unwrapped, 64 ms units
    private int lastReference24;
    private long latestArrivalMicros = Long.MIN_VALUE;

    private volatile long estimate;
    private volatile long receiveBps = -1;
    private long feedbacks;
    private long packetsReceived;
    private long packetsLost;
    private long packetsUnknown;
    private long overuses;

    public SendSideEstimator(SendTimeHistory history, SendBitrate bounds) {
        this.history = history;
        this.bounds = bounds;
        this.delayBased = new AimdRateControl(bounds);
        this.lossBased = new LossBasedControl(bounds);
    }

    /**
     * One feedback message, read with its cursor, at local time {@code nowNanos}, with the round
     * trip in ms (-1 unknown). Returns the estimate in bits per second.
     */
    public long onFeedback(RtcpTransportCc feedback, long nowNanos, long rttMillis) {
        feedbacks++;
        long arrivalMicros = unwrapReference(feedback.referenceTime()) * RtcpTransportCc.REFERENCE_TIME_MICROS;
        boolean overuse = false;
        feedback.rewind();
        while (feedback.nextPacket()) {
            if (feedback.received()) {
                arrivalMicros += (long) feedback.deltaTicks() * RtcpTransportCc.DELTA_MICROS;
            }
            if (!taken(feedback.sequenceNumber())) {
                continue;
            }
            int seq = feedback.sequenceNumber();
            long sent = history.sentNanos(seq);
            if (sent == SendTimeHistory.UNKNOWN) {
                packetsUnknown++;
                continue;
            }
            if (!feedback.received()) {
                packetsLost++;
                lossBased.lost();
                continue;
            }
            packetsReceived++;
            lossBased.received();
            receiveRate.add(Math.max(arrivalMicros, latestArrivalMicros), history.size(seq));
            latestArrivalMicros = Math.max(arrivalMicros, latestArrivalMicros);
            if (groups.add(sent / 1000, arrivalMicros)) {
                double m = trend.update(groups.delayVariationMs(), groups.arrivalMicros() / 1000.0);
                overuse |= detector.detect(m, groups.arrivalMicros() / 1000.0) == Usage.OVERUSE;
            }
        }
        long rate = latestArrivalMicros == Long.MIN_VALUE ? -1 : receiveRate.bitsPerSecond(latestArrivalMicros);
        receiveBps = rate;
        // an over-use seen by any group of this feedback counts, even if a later group of it read normal
        Usage usage = overuse ? Usage.OVERUSE : detector.usage();
        if (usage == Usage.OVERUSE) {
            overuses++;
        }
        long delay = delayBased.update(usage, rate, rttMillis, nowNanos);
        long loss = lossBased.update(Math.min(delay, lossBased.estimate()), nowNanos);
        long next = bounds.clamp(Math.min(delay, loss));
        estimate = next;
        return next;
    }

    /** Whether this 16-bit number is newer than every one taken so far (and takes it). */
    private boolean taken(int sequence16) {
        if (!started) {
            started = true;
            highestSequence = sequence16;
            return true;
        }
        long unwrapped = highestSequence + (short) (sequence16 - (int) highestSequence);
        if (unwrapped <= highestSequence) {
            return false;
        }
        highestSequence = unwrapped;
        return true;
    }

    private long unwrapReference(int reference) {
        int r24 = reference & 0xFFFFFF;
        if (feedbacks == 1) {
            referenceTime = r24;
        } else {
            referenceTime += ((r24 - lastReference24) << 8) >> 8; // signed 24-bit step
        }
        lastReference24 = r24;
        return referenceTime;
    }

    /** The estimate in bits per second; {@link SendBitrate#start()} until feedback has come. */
    public long estimate() {
        long e = estimate;
        return e == 0 ? bounds.start() : e;
    }

    /** Whether any feedback has come: before, the estimate is only the configured start. */
    public boolean measured() { return estimate != 0; }

    /** R_hat: what the browser received over the last half second, bits/s; -1 unknown. */
    public long receiveRate() { return receiveBps; }

    public long delayBasedEstimate() { return delayBased.estimate(); }

    public long lossBasedEstimate() { return lossBased.estimate(); }

    public double lossFraction() { return lossBased.lossFraction(); }

    public double delayThresholdMs() { return detector.threshold(); }

    public long feedbacks() { return feedbacks; }

    public long packetsReceived() { return packetsReceived; }

    public long packetsLost() { return packetsLost; }

    /** Reported packets we hold no send time for (too old, or never sent). */
    public long packetsUnknown() { return packetsUnknown; }

    /** Feedback messages that carried an over-use verdict. */
    public long overuses() { return overuses; }

    public long decreases() { return delayBased.decreases(); }
}
