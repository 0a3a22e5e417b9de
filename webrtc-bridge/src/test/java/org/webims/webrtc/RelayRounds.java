package org.webims.webrtc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The srtp-relay bench's rounds (decision 0047): in each, every subject measured for one window
 * under the same offered load, back to back. On this host the per-packet cost of every relay moves
 * by up to 2x between modes that last minutes; subjects measured in the same round share the mode,
 * so a round's ratio holds where lone figures do not. Headline figures are medians over the rounds,
 * a ratio the median of the rounds' ratios.
 */
final class RelayRounds {

    /** Less loss than this in a window is no loss: packets in flight when it opens count as back in it. */
    static final double CLEAN_LOSS_PERCENT = 0.01;
    /** A window in which the load generator sent less than this share of the offered load was not under it. */
    static final double FULL_LOAD = 0.95;

    private final List<Map<String, RelayWindow>> rounds = new ArrayList<>();
    private final double offeredPps;

    RelayRounds(double offeredPps) {
        this.offeredPps = offeredPps;
    }

    /** One round's windows, in the order they were measured. */
    void add(List<RelayWindow> round) {
        Map<String, RelayWindow> m = new LinkedHashMap<>();
        for (RelayWindow w : round) {
            m.put(w.subject, w);
        }
        rounds.add(m);
    }

    /** The offered load of these rounds, packets per second over all legs. */
    long offeredPps() {
        return Math.round(offeredPps);
    }

    int count() {
        return rounds.size();
    }

    /** The median over the rounds of one of a subject's figures; NaN if it was never measured. */
    double median(String subject, ToDoubleFunction<RelayWindow> figure) {
        return median(rounds.stream().filter(r -> r.containsKey(subject))
                .mapToDouble(r -> figure.applyAsDouble(r.get(subject))).toArray());
    }

    /** Per round, in round order, a's packets per core over b's; rounds where b relayed nothing have none. */
    double[] ratios(String a, String b) {
        return rounds.stream().filter(r -> r.containsKey(a) && r.containsKey(b) && r.get(b).ppsPerCore() > 0)
                .mapToDouble(r -> r.get(a).ppsPerCore() / r.get(b).ppsPerCore()).toArray();
    }

    /**
     * Per round, in round order, a's packets per core over b's, in the clean rounds: where both got
     * the full offered load (the load generator, starved on a busy host, skips ticks rather than
     * burst, and fewer packets per wake-up cost a relay more per packet) and neither lost a packet
     * (a relay that lost packets was starved itself or gave up sockets).
     */
    double[] cleanRatios(String a, String b) {
        return rounds.stream().filter(r -> r.containsKey(a) && r.containsKey(b) && r.get(b).ppsPerCore() > 0
                        && clean(r.get(a)) && clean(r.get(b)))
                .mapToDouble(r -> r.get(a).ppsPerCore() / r.get(b).ppsPerCore()).toArray();
    }

    boolean clean(RelayWindow w) {
        return w.lossPercent() < CLEAN_LOSS_PERCENT && w.measuredSent >= FULL_LOAD * offeredPps * w.measuredSeconds;
    }

    /** The median of the rounds' ratios of a to b; NaN if no round has one. */
    double medianRatio(String a, String b) {
        return median(ratios(a, b));
    }

    /** a's packets per core over all its windows (all packets over all CPU) over b's. */
    double ratioOfSums(String a, String b) {
        double pb = pooledPpsPerCore(b);
        return pb > 0 ? pooledPpsPerCore(a) / pb : Double.NaN;
    }

    private double pooledPpsPerCore(String subject) {
        double packets = 0;
        double cpu = 0;
        for (Map<String, RelayWindow> r : rounds) {
            RelayWindow w = r.get(subject);
            if (w != null) {
                packets += w.measured;
                cpu += w.cpuSeconds;
            }
        }
        return cpu > 0 ? packets / cpu : 0;
    }

    /** The largest loss of any of a subject's windows, in %: 0 only if every round was without loss. */
    double worstLoss(String subject) {
        return rounds.stream().filter(r -> r.containsKey(subject)).mapToDouble(r -> r.get(subject).lossPercent())
                .max().orElse(Double.NaN);
    }

    /** The most legs of a subject that got nothing back in one of its windows. */
    long mostSilentLegs(String subject) {
        return rounds.stream().filter(r -> r.containsKey(subject))
                .mapToLong(r -> SrtpRelayBench.field(r.get(subject).load, "legs_silent_in_window")).max().orElse(0);
    }

    /**
     * CPU a subject used while the others were measured, in % of one core: {its process, its
     * relaying threads}. What an idle subject costs the machine is not the measured subject's.
     */
    double[] idleCpuPercent(String subject) {
        double[] ticks = new double[2];
        double wall = 0;
        for (Map<String, RelayWindow> r : rounds) {
            for (RelayWindow w : r.values()) {
                long[] t = w.idleTicks.get(subject);
                if (t != null) {
                    ticks[0] += t[0];
                    ticks[1] += t[1];
                    wall += w.wallSeconds;
                }
            }
        }
        return wall > 0 ? new double[] {100 * ticks[0] / ProcCpu.CLK_TCK / wall, 100 * ticks[1] / ProcCpu.CLK_TCK / wall}
                : new double[] {Double.NaN, Double.NaN};
    }

    /** One round on one line: per subject in measured order its packets per core, loss, user/system µs per packet. */
    String describe(int round) {
        Map<String, RelayWindow> r = rounds.get(round);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "round %d:", round + 1));
        for (RelayWindow w : r.values()) {
            b.append(String.format(Locale.ROOT, " %s %.0f pps/core (loss %.3f%%, %.2f/%.2f us, %.0f relayed/s%s);",
                    w.subject, w.ppsPerCore(), w.lossPercent(), w.userMicrosPerPacket, w.systemMicrosPerPacket,
                    w.measured / w.wallSeconds, idle(w)));
        }
        if (r.containsKey("ours") && r.containsKey("rtpengine") && r.get("rtpengine").ppsPerCore() > 0) {
            b.append(String.format(Locale.ROOT, " ours/rtpengine %.3f",
                    r.get("ours").ppsPerCore() / r.get("rtpengine").ppsPerCore()));
        }
        if (r.containsKey("ours") && r.containsKey("floor") && r.get("floor").ppsPerCore() > 0) {
            b.append(String.format(Locale.ROOT, " ours/floor %.3f",
                    r.get("ours").ppsPerCore() / r.get("floor").ppsPerCore()));
        }
        return b.toString();
    }

    private static String idle(RelayWindow w) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, long[]> e : w.idleTicks.entrySet()) {
            b.append(String.format(Locale.ROOT, ", %s idle %.1f%%", e.getKey(),
                    100.0 * e.getValue()[0] / ProcCpu.CLK_TCK / w.wallSeconds));
        }
        return b.toString();
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
