package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The srtp-relay bench's arithmetic over rounds (decision 0047): medians, per-round ratios, worst loss, idle CPU. */
class RelayRoundsTest {

    private static final double OFFERED = 20_000; // 100,000 packets in a window of 5 s

    /** A window: {@code packets} back of {@code sent} in it, for {@code cpu} CPU seconds over 5 s. */
    private static RelayWindow window(String subject, long packets, long sent, double cpu) {
        RelayWindow w = new RelayWindow();
        w.subject = subject;
        w.measured = packets;
        w.measuredSent = sent;
        w.cpuSeconds = cpu;
        w.wallSeconds = 5;
        w.measuredSeconds = 5;
        w.load = "{\"legs_silent_in_window\":" + (packets == 0 ? 200 : 0) + "}";
        return w;
    }

    @Test
    void theRatioIsTheMedianOfTheRoundsRatiosNotTheRatioOfTheMedians() {
        RelayRounds rounds = new RelayRounds(OFFERED);
        // a slow round, where both relays cost twice as much, and two fast ones
        rounds.add(List.of(window("ours", 100_000, 100_000, 2), window("rtpengine", 100_000, 100_000, 2.5)));
        rounds.add(List.of(window("rtpengine", 100_000, 100_000, 1), window("ours", 100_000, 100_000, 1)));
        rounds.add(List.of(window("ours", 100_000, 100_000, 0.8), window("rtpengine", 100_000, 100_000, 1.2)));

        assertArrayEquals(new double[] {1.25, 1.0, 1.5}, rounds.ratios("ours", "rtpengine"), 1e-9);
        assertEquals(1.25, rounds.medianRatio("ours", "rtpengine"), 1e-9);
        assertEquals(100_000 / 1.0, rounds.median("ours", RelayWindow::ppsPerCore), 1e-6);
        assertEquals(100_000 / 1.2, rounds.median("rtpengine", RelayWindow::ppsPerCore), 1e-6);
        // all packets over all CPU: 300,000 / 3.8 against 300,000 / 4.7
        assertEquals(4.7 / 3.8, rounds.ratioOfSums("ours", "rtpengine"), 1e-9);
        assertEquals(3, rounds.count());
    }

    @Test
    void aRoundWhereRtpengineRelayedNothingHasNoRatio() {
        RelayRounds rounds = new RelayRounds(OFFERED);
        rounds.add(List.of(window("ours", 100_000, 100_000, 1), window("rtpengine", 0, 100_000, 0.1)));
        rounds.add(List.of(window("ours", 100_000, 100_000, 1), window("rtpengine", 100_000, 100_000, 1)));

        assertArrayEquals(new double[] {1.0}, rounds.ratios("ours", "rtpengine"), 1e-9);
        assertEquals(200, rounds.mostSilentLegs("rtpengine"));
        assertTrue(Double.isNaN(rounds.medianRatio("ours", "floor")), "no floor measured: no ratio");
    }

    @Test
    void cleanRatiosLeaveOutTheRoundsWhereEitherRelayLostPackets() {
        RelayRounds rounds = new RelayRounds(OFFERED);
        rounds.add(List.of(window("ours", 100_000, 100_000, 1), window("rtpengine", 30_000, 100_000, 0.2)));
        rounds.add(List.of(window("ours", 90_000, 100_000, 0.5), window("rtpengine", 100_000, 100_000, 1)));
        rounds.add(List.of(window("ours", 100_000, 100_000, 1), window("rtpengine", 100_000, 100_000, 1.1)));

        assertArrayEquals(new double[] {2.0 / 3, 1.8, 1.1}, rounds.ratios("ours", "rtpengine"), 1e-9);
        assertArrayEquals(new double[] {1.1}, rounds.cleanRatios("ours", "rtpengine"), 1e-9);
    }

    @Test
    void aRoundWhereTheLoadGeneratorFellShortOfTheOfferedLoadIsNotClean() {
        RelayRounds rounds = new RelayRounds(OFFERED);
        rounds.add(List.of(window("ours", 60_000, 60_000, 0.4), window("rtpengine", 100_000, 100_000, 1)));
        rounds.add(List.of(window("ours", 100_000, 100_000, 1), window("rtpengine", 100_000, 100_000, 1.2)));

        assertArrayEquals(new double[] {1.5, 1.2}, rounds.ratios("ours", "rtpengine"), 1e-9);
        assertArrayEquals(new double[] {1.2}, rounds.cleanRatios("ours", "rtpengine"), 1e-9);
    }

    @Test
    void theLossIsTheWorstRoundsSoThatZeroMeansNoLossInAnyRound() {
        RelayRounds rounds = new RelayRounds(OFFERED);
        rounds.add(List.of(window("ours", 100_000, 100_000, 1)));
        rounds.add(List.of(window("ours", 99_000, 100_000, 1)));
        rounds.add(List.of(window("ours", 100_000, 100_000, 1)));

        assertEquals(1.0, rounds.worstLoss("ours"), 1e-9);
        assertEquals(0.0, rounds.median("ours", RelayWindow::lossPercent), 1e-9);
    }

    @Test
    void idleCpuIsWhatASubjectUsedWhileTheOthersWereMeasured() {
        RelayWindow theirs = window("rtpengine", 100_000, 100_000, 1);
        theirs.idleTicks = Map.of("ours", new long[] {10, 0}); // 0.1 s of the JVM, none of its I/O thread, in 5 s
        RelayWindow floor = window("floor", 100_000, 100_000, 1);
        floor.idleTicks = Map.of("ours", new long[] {0, 0});
        RelayRounds rounds = new RelayRounds(OFFERED);
        rounds.add(List.of(window("ours", 100_000, 100_000, 1), theirs, floor));

        assertArrayEquals(new double[] {1.0, 0.0}, rounds.idleCpuPercent("ours"), 1e-9);
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, RelayRounds.median(new double[] {4, 1, 3, 2}), 1e-9);
        assertTrue(Double.isNaN(RelayRounds.median(new double[0])));
    }
}
