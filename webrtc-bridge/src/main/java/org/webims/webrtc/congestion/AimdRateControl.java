package org.webims.webrtc.congestion;

/**
 * The delay-based rate controller of draft-ietf-rmcat-gcc-02 §5.5: A_hat follows the detector's
 * signal through three states.
 * <pre>
 *   signal \ state | Hold      Increase  Decrease
 *   over-use       | Decrease  Decrease  (stays)
 *   normal         | Increase  (stays)   Hold
 *   under-use      | (stays)   Hold      Hold
 * </pre>
 * <ul>
 *   <li>Increase: multiplicative, A_hat × 1.08^min(dt, 1 s), while far from the rate where the
 *   path last over-used; additive, about half a packet per response time (100 ms + RTT), once
 *   R_hat is within three standard deviations of the rates seen at past decreases (the path's
 *   capacity is near, so probe for it gently).</li>
 *   <li>Decrease: A_hat = {@link #BETA} × R_hat, what actually got through.</li>
 *   <li>A_hat never exceeds 1.5 × R_hat (+10 kbit/s for tiny flows) when increasing: over-use is
 *   the only evidence of capacity, so an encoder that sends less than asked must not let the
 *   estimate run away from what was tested.</li>
 *   <li>Under-use holds: the queue is draining, and sending more now would fill it again before
 *   the delay settles. So does a normal signal before R_hat is known (the first half second).</li>
 * </ul>
 */
final class AimdRateControl {

    enum State { HOLD, INCREASE, DECREASE }

    static final double BETA = 0.85;
    static final double ETA_PER_SECOND = 1.08;
    /** Weight of a new decrease rate in the running average of those rates (ours: the draft gives none). */
    static final double AVERAGE_WEIGHT = 0.1;

    private final SendBitrate bounds;
    private long estimate;
    private State state = State.HOLD;
    private long lastUpdateNanos = Long.MIN_VALUE;
    private double averageMax = -1; // of R_hat at decreases, bits/s; -1: unknown or reset
    private double varianceMax;     // of those, normalised by the average
    private long decreases;

    AimdRateControl(SendBitrate bounds) {
        this.bounds = bounds;
        this.estimate = bounds.start();
    }

    /**
     * One step at local time {@code nowNanos}, with the signal, R_hat (bits/s, -1 unknown) and the
     * round trip (ms, -1 unknown). Returns A_hat.
     */
    long update(Usage usage, long receiveRate, long rttMillis, long nowNanos) {
        State next = transition(state, usage);
        double dtSeconds = lastUpdateNanos == Long.MIN_VALUE ? 0 : (nowNanos - lastUpdateNanos) / 1e9;
        lastUpdateNanos = nowNanos;
        if (next == State.INCREASE && receiveRate < 0) {
            next = State.HOLD; // nothing measured through yet: no evidence to grow on
        } else if (next == State.INCREASE) {
            if (averageMax >= 0 && receiveRate > averageMax + 3 * Math.sqrt(varianceMax) * averageMax) {
                averageMax = -1; // the path's capacity grew past what we knew: probe fast again
            }
            long increased = nearConvergence(receiveRate)
                    ? estimate + additiveStep(dtSeconds, rttMillis)
                    : (long) (estimate * Math.pow(ETA_PER_SECOND, Math.min(dtSeconds, 1.0)));
            // never beyond what was tested, never below where we are for that reason alone
            estimate = Math.min(increased, Math.max(estimate, (long) (1.5 * receiveRate) + 10_000));
        } else if (next == State.DECREASE && receiveRate > 0) {
            long decreased = (long) (BETA * receiveRate);
            if (decreased < estimate) {
                estimate = decreased;
                decreases++;
            }
            learnCapacity(receiveRate);
            next = State.HOLD; // one step down per over-use verdict; the next one decides again
        } else if (next == State.DECREASE) {
            estimate = (long) (BETA * estimate);
            decreases++;
            next = State.HOLD;
        }
        estimate = bounds.clamp(estimate);
        state = next;
        return estimate;
    }

    private static State transition(State state, Usage usage) {
        return switch (usage) {
            case OVERUSE -> State.DECREASE;
            case NORMAL -> state == State.DECREASE ? State.HOLD : State.INCREASE;
            case UNDERUSE -> State.HOLD;
        };
    }

    private boolean nearConvergence(long receiveRate) {
        return averageMax >= 0 && receiveRate > 0
                && Math.abs(receiveRate - averageMax) <= 3 * Math.sqrt(varianceMax) * averageMax;
    }

    /** About half a packet per response time: a 30 fps frame's bits split in packets of at most 1200 bytes. */
    private long additiveStep(double dtSeconds, long rttMillis) {
        double responseSeconds = (100 + Math.max(rttMillis, 0)) / 1000.0;
        double bitsPerFrame = estimate / 30.0;
        double packetsPerFrame = Math.ceil(bitsPerFrame / (1200 * 8));
        double packetBits = bitsPerFrame / packetsPerFrame;
        double alpha = 0.5 * Math.min(dtSeconds / responseSeconds, 1.0);
        return (long) Math.max(1000, alpha * packetBits);
    }

    private void learnCapacity(long receiveRate) {
        if (averageMax < 0) {
            averageMax = receiveRate;
            varianceMax = 0.01; // ±10 % until decreases tell more
            return;
        }
        double error = (receiveRate - averageMax) / averageMax;
        averageMax = (1 - AVERAGE_WEIGHT) * averageMax + AVERAGE_WEIGHT * receiveRate;
        varianceMax = Math.max(0.0004, (1 - AVERAGE_WEIGHT) * varianceMax + AVERAGE_WEIGHT * error * error);
    }

    long estimate() { return estimate; }

    State state() { return state; }

    long decreases() { return decreases; }
}
