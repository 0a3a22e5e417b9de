package org.webims.webrtc.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The estimator against synthetic arrival patterns (simulated time, {@link SimulatedPath}): a
 * path that keeps up holds the estimate or lets it grow; a bottleneck whose queue grows brings it
 * under the bottleneck's rate (draft-ietf-rmcat-gcc-02 §5); 20 % loss without a queue brings it
 * down too (§6); and the per-packet work allocates nothing.
 */
class SendSideEstimatorTest {

    static final SendBitrate BOUNDS = new SendBitrate(50_000, 300_000, 2_500_000);

    @Test
    void aPathThatKeepsUpLetsTheEstimateGrowButNoFurtherThanWhatWasTested() {
        SimulatedPath path = new SimulatedPath(BOUNDS, 600_000);
        path.run(20);
        SendSideEstimator e = path.estimator;
        String figures = figures(path);
        System.out.println("estimator, open path at 600 kbit/s: " + figures);
        assertEquals(0, e.overuses(), "a steady delay is no over-use: " + figures);
        assertEquals(0, e.packetsLost(), figures);
        assertTrue(e.estimate() > 550_000, "grew from 300 kbit/s to what the source sends: " + figures);
        assertTrue(e.estimate() <= 1.5 * 600_000 + 10_000 + 1, "never beyond 1.5 x what arrived (§5.5): " + figures);
    }

    @Test
    void aSteadyQueueHoldsTheEstimate() {
        SimulatedPath path = new SimulatedPath(new SendBitrate(50_000, 1_000_000, 2_500_000), 400_000);
        path.run(15);
        SendSideEstimator e = path.estimator;
        assertEquals(1_000_000, e.estimate(), "no over-use, nothing lost: it stays where it started: " + figures(path));
        assertTrue(e.receiveRate() > 350_000 && e.receiveRate() < 450_000, figures(path));
    }

    @Test
    void aGrowingQueueBringsTheEstimateUnderTheBottleneck() {
        SimulatedPath path = new SimulatedPath(new SendBitrate(50_000, 1_000_000, 2_500_000), 1_000_000);
        path.bottleneckBps = 400_000;
        path.queueLimitBytes = 60_000; // about a second of it: the delay grows long before anything is dropped
        path.run(3);
        SendSideEstimator e = path.estimator;
        assertTrue(e.overuses() > 0, "the growing delay is over-use: " + figures(path));
        assertTrue(e.delayBasedEstimate() < 400_000, "0.85 x what arrived: " + figures(path));
        path.run(20);
        System.out.println("estimator, 400 kbit/s bottleneck: " + figures(path));
        assertTrue(e.estimate() < 460_000 && e.estimate() > 200_000,
                "it keeps near, mostly under, the bottleneck as the sender follows it: " + figures(path));
    }

    @Test
    void twentyPercentLossWithoutAQueueBringsTheEstimateDown() {
        SimulatedPath path = new SimulatedPath(new SendBitrate(50_000, 1_000_000, 2_500_000), 800_000);
        path.loseEvery = 5;
        path.run(6);
        SendSideEstimator e = path.estimator;
        System.out.println("estimator, 20 % loss: " + figures(path));
        assertEquals(0.2, e.lossFraction(), 0.05, "the last half second's fraction, whole frames in it: " + figures(path));
        assertEquals(0, e.overuses(), "no queue, no over-use: " + figures(path));
        assertTrue(e.lossBasedEstimate() < 600_000, "each half second takes off 10 % (§6: 1 - 0.5 p): " + figures(path));
        assertTrue(e.estimate() < 600_000, figures(path));
    }

    @Test
    void twoPercentLossOrLessLetsItGrowBack() {
        SimulatedPath path = new SimulatedPath(new SendBitrate(50_000, 1_000_000, 2_500_000), 800_000);
        path.loseEvery = 5;
        path.run(6);
        long low = path.estimator.lossBasedEstimate();
        path.loseEvery = 100;
        path.run(6);
        assertTrue(path.estimator.lossBasedEstimate() > low * 1.3, "5 % per half second: " + low + " -> "
                + figures(path));
    }

    @Test
    void recordingAndReadingFeedbackAllocateNothingPerPacket() {
        SimulatedPath path = new SimulatedPath(BOUNDS, 600_000);
        path.bottleneckBps = 500_000;
        path.queueLimitBytes = 30_000;
        path.run(30); // warm: every branch compiled
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        SendTimeHistory history = new SendTimeHistory();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            history.record(i, i * 1000L, 1200);
            history.sentNanos(i);
        }
        long afterRecord = threads.getThreadAllocatedBytes(id);
        long packets = path.sentPackets;
        path.run(30);
        long afterFeedback = threads.getThreadAllocatedBytes(id);
        packets = path.sentPackets - packets;
        // the measurement itself may allocate a little; per packet would be kilobytes
        assertTrue(afterRecord - before < 1024, "recording 100 000 send times allocated " + (afterRecord - before));
        assertTrue(afterFeedback - afterRecord < 4096, packets + " packets sent, fed back and estimated allocated "
                + (afterFeedback - afterRecord) + " bytes");
    }

    private static String figures(SimulatedPath p) {
        SendSideEstimator e = p.estimator;
        return "estimate " + e.estimate() + " (delay " + e.delayBasedEstimate() + ", loss " + e.lossBasedEstimate()
                + "), received " + e.receiveRate() + " bit/s, lost " + e.packetsLost() + "/" + p.sentPackets
                + " (queue drops " + p.droppedByQueue + ", last window " + e.lossFraction() + "), over-use "
                + e.overuses() + ", decreases " + e.decreases() + ", threshold " + e.delayThresholdMs()
                + " ms, feedbacks " + e.feedbacks() + ", unknown " + e.packetsUnknown();
    }
}
