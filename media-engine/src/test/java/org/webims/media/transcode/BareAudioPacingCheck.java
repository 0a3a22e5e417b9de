package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecLibraryWarmer;
import org.webims.media.codec.SystemCodecLibraries;

/**
 * Not a test: what the audio-transcode bench's codec work costs, on one thread and by that thread's
 * CPU, when it is done the way a transcode worker does it rather than in the bench's tight loop
 * over one call (decision 0041). Per round, in one JVM: {@code one} is the bench's reference
 * ({@link BareTranscodeLoop} on one call, tight); {@code calls} is CALLS calls' codecs, each call's
 * two directions in turn, frame after frame without a pause; {@code grouped} the same calls with
 * every call's Opus -> AMR-WB direction first and then every call's AMR-WB -> Opus one; the
 * {@code paced} variants do one frame of every call per 20 ms and sleep the rest, as a worker does
 * with its share of a tick. Decision 0055 added: the {@code warmed} variants, {@code calls} and
 * {@code calls-paced} with each call's codec states read through, one load per cache line, just
 * before the call's frame; the {@code code} variants, which read the codec libraries' mappings at
 * the start of every round; {@code calls-paced-work} and {@code calls-spun}, which count only the
 * codec work's CPU, the one sleeping between rounds, the other spinning so that its vCPU never
 * idles. The figures are calls per core (20 ms of a call's codec work per CPU second, over 100),
 * so the sleeps cost nothing; what shows is what many codec states, and the order and pace they
 * are worked in, cost the codecs themselves. Usage: BareAudioPacingCheck [CALLS] [ROUNDS] [warm]
 * ({@code warm}: {@code one} and the decision-0055 pairs, each pair in alternating order).
 */
public final class BareAudioPacingCheck {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final long PERIOD_NANOS = 20_000_000L;
    /** The codec libraries' mappings, found once they are loaded. */
    private static CodecLibraryWarmer libraries = CodecLibraryWarmer.of();

    private BareAudioPacingCheck() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        AudioCodecs codecs = AudioCodecs.get();
        List<byte[]> opus = new ArrayList<>();
        List<byte[]> amr = new ArrayList<>();
        AudioTranscodeBench.farEndFrames(codecs, opus, amr);
        List<BareTranscodeLoop> many = new ArrayList<>();
        boolean warmOnly = args.length > 2 && args[2].equals("warm");
        String[] names = warmOnly
                ? new String[] {"one", "calls", "calls-warmed", "calls-paced", "calls-paced-warmed", "calls-paced-code",
                    "calls-paced-code-warmed", "calls-paced-work", "calls-spun"}
                : new String[] {"one", "calls", "grouped", "calls-paced", "grouped-paced", "two-in-phase",
                    "two-staggered", "calls-warmed", "calls-paced-warmed"};
        double[] sums = new double[names.length];
        try (BareTranscodeLoop one = new BareTranscodeLoop(codecs, opus, amr)) {
            for (int c = 0; c < calls; c++) {
                many.add(new BareTranscodeLoop(codecs, opus, amr));
            }
            libraries = CodecLibraryWarmer.of(SystemCodecLibraries.OPUS, SystemCodecLibraries.AMRWB_ENCODER,
                    SystemCodecLibraries.AMRWB_DECODER);
            one.run(500);
            turns(many, false, false, 2_000_000_000L);
            Variant[] variants = new Variant[names.length];
            for (int k = 0; k < names.length; k++) {
                variants[k] = variant(names[k], one, many);
            }
            for (int r = 0; r < rounds; r++) {
                double[] f = new double[names.length];
                for (int k = 0; k < names.length; k++) {
                    // every other round a warmed variant runs before its plain twin, so neither always goes first
                    int j = r % 2 == 1 && warmOnly && k > 0 ? (k % 2 == 1 ? k + 1 : k - 1) : k;
                    f[j] = variants[j].run();
                }
                StringBuilder b = new StringBuilder("round " + r + ":");
                for (int k = 0; k < f.length; k++) {
                    sums[k] += f[k];
                    b.append(String.format(Locale.ROOT, " %s %.1f", names[k], f[k]));
                }
                System.out.println(b);
            }
        } finally {
            many.forEach(BareTranscodeLoop::close);
        }
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"calls\":%d,\"rounds\":%d", calls, rounds));
        for (int k = 0; k < names.length; k++) {
            json.append(String.format(Locale.ROOT, ",\"%s\":%.2f", names[k], sums[k] / rounds));
        }
        System.out.println(json.append(String.format(Locale.ROOT, ",\"library_bytes\":%d}", libraries.bytes())));
    }

    private interface Variant {
        double run() throws Exception;
    }

    private static Variant variant(String name, BareTranscodeLoop one, List<BareTranscodeLoop> many) {
        switch (name) {
            case "one": return () -> 20_000.0 / one.run(BARE_FRAMES / 2);
            case "calls": return () -> turns(many, false, false, 1_000_000_000L);
            case "grouped": return () -> turns(many, true, false, 1_000_000_000L);
            case "calls-paced": return () -> turns(many, false, true, 3_000_000_000L);
            case "grouped-paced": return () -> turns(many, true, true, 3_000_000_000L);
            case "two-in-phase": return () -> two(many, 0, 3_000_000_000L);
            case "two-staggered": return () -> two(many, PERIOD_NANOS / 2, 3_000_000_000L);
            case "calls-warmed": return () -> turns(many, Pace.TIGHT, true, NOTHING, 1_000_000_000L);
            case "calls-paced-warmed": return () -> turns(many, Pace.SLEEP, true, NOTHING, 3_000_000_000L);
            case "calls-paced-code": return () -> turns(many, Pace.SLEEP, false, libraries::warm, 3_000_000_000L);
            case "calls-paced-code-warmed": return () -> turns(many, Pace.SLEEP, true, libraries::warm, 3_000_000_000L);
            case "calls-paced-work": return () -> turns(many, Pace.SLEEP_WORK, false, NOTHING, 3_000_000_000L);
            case "calls-spun": return () -> turns(many, Pace.SPIN, false, NOTHING, 3_000_000_000L);
            default: throw new IllegalArgumentException(name);
        }
    }

    private static final Runnable NOTHING = () -> { };

    /**
     * How a variant waits between rounds. SLEEP counts the thread's whole CPU (the park and wake
     * too); SLEEP_WORK and SPIN count only the CPU of the codec work itself, so a busy wait (the
     * vCPU never idles, decision 0055) and a sleep can be compared on the same work.
     */
    private enum Pace { TIGHT, SLEEP, SLEEP_WORK, SPIN }

    private static final int BARE_FRAMES = AudioTranscodeBench.BARE_FRAMES;

    /**
     * Two threads, as two transcode workers, each with half of {@code calls}, paced; the second
     * starts its rounds {@code offsetNanos} after the first. Calls per core of both by their CPU.
     */
    private static double two(List<BareTranscodeLoop> calls, long offsetNanos, long nanos) throws Exception {
        int half = calls.size() / 2;
        double[] result = new double[2];
        long start = System.nanoTime() + PERIOD_NANOS;
        Thread[] t = new Thread[2];
        for (int k = 0; k < 2; k++) {
            List<BareTranscodeLoop> share = k == 0 ? calls.subList(0, half) : calls.subList(half, calls.size());
            long begin = start + k * offsetNanos;
            int slot = k;
            t[k] = new Thread(() -> {
                try {
                    long wait;
                    while ((wait = begin - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    result[slot] = turns(share, false, true, nanos);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t[k].start();
        }
        for (Thread x : t) {
            x.join();
        }
        // each figure is calls per core of its own thread; both did as many frames
        return 2 / (1 / result[0] + 1 / result[1]);
    }

    /** Calls per core over {@code nanos} of wall time: rounds of one frame of every call. */
    private static double turns(List<BareTranscodeLoop> calls, boolean grouped, boolean paced, long nanos)
            throws Exception {
        return turns(calls, grouped, paced ? Pace.SLEEP : Pace.TIGHT, false, NOTHING, nanos);
    }

    /**
     * Every call in turn, each call's frame after a sweep of its codecs' native state if
     * {@code warmStates}, and {@code atRound} (a sweep of the libraries) at the start of every round.
     */
    private static double turns(List<BareTranscodeLoop> calls, Pace pace, boolean warmStates, Runnable atRound,
            long nanos) throws Exception {
        return turns(calls, false, pace, warmStates, atRound, nanos);
    }

    private static double turns(List<BareTranscodeLoop> calls, boolean grouped, Pace pace, boolean warmStates,
            Runnable atRound, long nanos) throws Exception {
        long start = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long workCpu = 0;
        long frames = 0;
        for (long i = 0; System.nanoTime() - start < nanos; i++) {
            long until = start + i * PERIOD_NANOS;
            if (pace == Pace.SPIN) {
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } else if (pace != Pace.TIGHT) {
                long wait;
                while ((wait = until - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            long roundCpu = CPU.getCurrentThreadCpuTime();
            atRound.run();
            if (grouped) {
                for (BareTranscodeLoop c : calls) {
                    c.toAmrWb();
                }
                for (BareTranscodeLoop c : calls) {
                    c.toOpus();
                }
            } else {
                for (BareTranscodeLoop c : calls) {
                    if (warmStates) {
                        c.warmStates();
                    }
                    c.toAmrWb();
                    c.toOpus();
                }
            }
            workCpu += CPU.getCurrentThreadCpuTime() - roundCpu;
            frames += calls.size();
        }
        long cpu = pace == Pace.SLEEP_WORK || pace == Pace.SPIN ? workCpu : CPU.getCurrentThreadCpuTime() - cpu0;
        double usPerFrame = cpu / 1000.0 / frames;
        return 20_000.0 / usPerFrame;
    }
}
