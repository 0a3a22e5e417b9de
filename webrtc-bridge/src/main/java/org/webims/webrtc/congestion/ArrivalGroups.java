package org.webims.webrtc.congestion;

/**
 * Packets into groups, and groups into delay variations (draft-ietf-rmcat-gcc-02 §5.1 and §5.2).
 * A group is the packets sent within {@link #BURST_MICROS} of its first one (a video frame, which
 * is sent as one burst); a packet that arrives within {@code BURST_MICROS} of the group's last and
 * whose inter-arrival time is shorter than its inter-departure time also joins it (§5.2: a burst
 * that a network hiccup delivered at once says nothing about the queue). Each completed group
 * gives the inter-group delay variation {@code d(i) = (t(i) - t(i-1)) - (T(i) - T(i-1))} (§5.1),
 * with T and t the send and arrival time of the group's last packet.
 *
 * <p>Send times are ours, arrival times the browser's: only differences within each clock are
 * used. Packets sent before the current group started (reordered) are left out.
 */
final class ArrivalGroups {

    /** §5.2 burst_time. */
    static final long BURST_MICROS = 5_000;

    private boolean started;
    private long firstSend;    // the current group's first send time
    private long lastSend;     // its last packet's
    private long lastArrival;
    private boolean previous;  // whether a completed group precedes the current one
    private long previousSend;
    private long previousArrival;
    // the last completed variation
    private double delayVariationMs;
    private double sendDeltaMs;
    private long groupArrivalMicros;

    /**
     * Adds one received packet (times in microseconds). Returns true when it closed a group that
     * had a predecessor: then {@link #delayVariationMs()} and {@link #sendDeltaMs()} describe it.
     */
    boolean add(long sendMicros, long arrivalMicros) {
        if (!started) {
            startGroup(sendMicros, arrivalMicros);
            started = true;
            return false;
        }
        if (sendMicros < firstSend) {
            return false; // reordered behind the group: no delay information in it
        }
        if (sendMicros - firstSend <= BURST_MICROS || belongsToBurst(sendMicros, arrivalMicros)) {
            lastSend = Math.max(lastSend, sendMicros);
            lastArrival = Math.max(lastArrival, arrivalMicros);
            return false;
        }
        boolean completed = previous;
        if (completed) {
            double arrivalDelta = (lastArrival - previousArrival) / 1000.0;
            sendDeltaMs = (lastSend - previousSend) / 1000.0;
            delayVariationMs = arrivalDelta - sendDeltaMs;
            groupArrivalMicros = lastArrival;
        }
        previous = true;
        previousSend = lastSend;
        previousArrival = lastArrival;
        startGroup(sendMicros, arrivalMicros);
        return completed;
    }

    private boolean belongsToBurst(long sendMicros, long arrivalMicros) {
        long arrivalDelta = arrivalMicros - lastArrival;
        long sendDelta = sendMicros - lastSend;
        return arrivalDelta >= 0 && arrivalDelta <= BURST_MICROS && arrivalDelta - sendDelta < 0;
    }

    private void startGroup(long sendMicros, long arrivalMicros) {
        firstSend = sendMicros;
        lastSend = sendMicros;
        lastArrival = arrivalMicros;
    }

    /** d(i) of the last completed group, in milliseconds. */
    double delayVariationMs() { return delayVariationMs; }

    /** T(i) - T(i-1) of the last completed group, in milliseconds. */
    double sendDeltaMs() { return sendDeltaMs; }

    /** t(i) of the last completed group, in the browser's microseconds. */
    long arrivalMicros() { return groupArrivalMicros; }
}
