package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecLibraryWarmer;
import org.webims.media.codec.CodecStateWarmer;
import org.webims.media.codec.SystemCodecLibraries;

/**
 * Not a test: what the audio-transcode bench's codec work costs, on one thread and by that thread's
 * CPU, when it is done the way a transcode worker does it rather than in the bench's tight loop
 * over one call (decision 0041). Per round, in one JVM: {@code one} is the bench's reference
 * ({@link BareTranscodeLoop} on one call, tight); {@code calls} is CALLS calls' codecs, each call's
 * two directions in turn, frame after frame without a pause; {@code grouped} the same calls with
 * every call's Opus -> AMR-WB direction first and then every call's AMR-WB -> Opus one; the
 * {@code paced} variants do one frame of every call per 20 ms and sleep the rest, as a worker does
 * with its share of a tick; the {@code warmed} variants are {@code calls} and {@code calls-paced} with
 * each codec's native state read through just before it codes (decision 0055, {@link CodecStateWarmer}),
 * which the other variants leave out. The figures are calls per core (20 ms of a call's codec work per CPU
 * second, over 100), so the sleeps cost nothing; what shows is what many codec states, and the
 * order and pace they are worked in, cost the codecs themselves. Usage: BareAudioPacingCheck [CALLS] [ROUNDS] [warm]
 * ({@code warm}: only {@code one} and the two plain/warmed pairs, each pair in alternating order)
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
                    "calls-paced-code-warmed"}
                : new String[] {"one", "calls", "grouped", "calls-paced", "grouped-paced", "two-in-phase",
                    "two-staggered", "calls-warmed", "calls-paced-warmed"};
        double[] sums = new double[names.length];
        try (BareTranscodeLoop one = new BareTranscodeLoop(codecs, opus, amr)) {
            for (int c = 0; c < calls; c++) {
                many.add(new BareTranscodeLoop(codecs, opus, amr));
            }
            libraries = CodecLibraryWarmer.of(SystemCodecLibraries.OPUS, SystemCodecLibraries.AMRWB_ENCODER,
                    SystemCodecLibraries.AMRWB_DECODER);
            CodecStateWarmer.setEnabled(false);
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
            case "calls-warmed": return warmed(variant("calls", one, many));
            case "calls-paced-warmed": return warmed(variant("calls-paced", one, many));
            case "calls-paced-code": return () -> turns(many, false, true, 3_000_000_000L, () -> libraries.warm());
            case "calls-paced-code-warmed": return warmed(variant("calls-paced-code", one, many));
            default: throw new IllegalArgumentException(name);
        }
    }

    /** {@code plain} with every codec's native state swept just before it codes (decision 0055). */
    private static Variant warmed(Variant plain) {
        return () -> {
            CodecStateWarmer.setEnabled(true);
            try {
                return plain.run();
            } finally {
                CodecStateWarmer.setEnabled(false);
            }
        };
    }

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
        return turns(calls, grouped, paced, nanos, () -> { });
    }

    /** The same, with {@code atRound} run at the start of every round (counted in its CPU). */
    private static double turns(List<BareTranscodeLoop> calls, boolean grouped, boolean paced, long nanos,
            Runnable atRound) throws Exception {
        long start = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long frames = 0;
        for (long i = 0; System.nanoTime() - start < nanos; i++) {
            if (paced) {
                long wait;
                while ((wait = start + i * PERIOD_NANOS - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
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
                    c.toAmrWb();
                    c.toOpus();
                }
            }
            frames += calls.size();
        }
        double usPerFrame = (CPU.getCurrentThreadCpuTime() - cpu0) / 1000.0 / frames;
        return 20_000.0 / usPerFrame;
    }
}
