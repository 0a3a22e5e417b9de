package org.webims.webrtc.congestion;

import org.webims.media.rtp.RtcpTransportCc;
import org.webims.media.rtp.RtcpTransportCcWriter;

/**
 * A sender and a path in simulated time, for the estimator's tests: 30 frames a second of
 * packets up to 1200 bytes at the sender's rate, each numbered by the transport-wide sequence and
 * remembered in a {@link SendTimeHistory}; a bottleneck of a given rate with a bounded queue
 * (drop-tail) and a fixed propagation delay; optionally every n-th packet lost; the browser's
 * feedback every 100 ms of its arrivals, written by the engine's own {@link RtcpTransportCcWriter}
 * and read back by {@link RtcpTransportCc}, as the endpoint does.
 */
final class SimulatedPath {

    static final long FRAME_NANOS = 33_333_333L;
    static final long FEEDBACK_NANOS = 100_000_000L;
    static final int PACKET = 1200;

    final SendTimeHistory history = new SendTimeHistory();
    final SendSideEstimator estimator;
    private final RtcpTransportCcWriter writer = new RtcpTransportCcWriter(1024);
    private final RtcpTransportCc view = new RtcpTransportCc();
    private final byte[] rtcp = new byte[4096];
    private final long[] arrivals = new long[1 << 16]; // by sequence; -1 lost
    long bottleneckBps = Long.MAX_VALUE;
    long queueLimitBytes = Long.MAX_VALUE;
    int loseEvery; // 0: none
    long sourceBps;
    boolean followEstimate = true;
    private long now; // ns
    private long linkFreeAt;
    private int sequence;
    private int reportedUpTo; // exclusive
    private long lastFeedback;
    private int feedbackCount;
    long sentPackets;
    long droppedByQueue;

    SimulatedPath(SendBitrate bounds, long sourceBps) {
        this.estimator = new SendSideEstimator(history, bounds);
        this.sourceBps = sourceBps;
    }

    /** Runs {@code seconds} of simulated time: frames, their arrivals, the feedback. */
    void run(double seconds) {
        long end = now + (long) (seconds * 1e9);
        while (now < end) {
            long rate = followEstimate ? Math.min(sourceBps, estimator.estimate()) : sourceBps;
            int frameBytes = (int) (rate / 8 / 30);
            while (frameBytes > 0) {
                int size = Math.min(PACKET, frameBytes);
                frameBytes -= size;
                send(size);
            }
            now += FRAME_NANOS;
            if (now - lastFeedback >= FEEDBACK_NANOS) {
                feedback();
                lastFeedback = now;
            }
        }
    }

    private void send(int size) {
        int seq = sequence++ & 0xFFFF;
        history.record(seq, now, size);
        sentPackets++;
        long arrival;
        long queued = linkFreeAt > now && bottleneckBps != Long.MAX_VALUE
                ? (linkFreeAt - now) * bottleneckBps / 8_000_000_000L : 0;
        if (loseEvery > 0 && sentPackets % loseEvery == 0) {
            arrival = -1;
        } else if (bottleneckBps == Long.MAX_VALUE) {
            arrival = now + 20_000_000L;
        } else if (queued + size > queueLimitBytes) {
            arrival = -1;
            droppedByQueue++;
        } else {
            long start = Math.max(now, linkFreeAt);
            linkFreeAt = start + size * 8L * 1_000_000_000L / bottleneckBps;
            arrival = linkFreeAt + 20_000_000L;
        }
        arrivals[seq] = arrival;
    }

    /** Feedback on the packets whose fate is known by now, in sequence order. */
    private void feedback() {
        writer.reset();
        int last = -1;
        for (int s = reportedUpTo; s != (sequence & 0xFFFF); s = (s + 1) & 0xFFFF) {
            long a = arrivals[s];
            if (a > now) {
                break; // still on the way
            }
            if (a >= 0) {
                if (!writer.addReceived(s, a / 1000)) {
                    break;
                }
                last = s;
            }
        }
        if (last < 0) {
            return;
        }
        reportedUpTo = (last + 1) & 0xFFFF; // lost ones after the last received are told next time, as a receiver does
        int n = writer.write(rtcp, 0, 1, 2, feedbackCount++);
        if (!view.wrap(rtcp, 0, n)) {
            throw new AssertionError("the writer's feedback does not parse: " + view.fault());
        }
        estimator.onFeedback(view, now, 40);
    }

    long nowNanos() { return now; }
}
