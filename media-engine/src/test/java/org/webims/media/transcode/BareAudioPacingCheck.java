package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.webims.media.codec.AudioCodecs;

/**
 * Not a test: what the audio-transcode bench's codec work costs, on one thread and by that thread's
 * CPU, when it is done the way a transcode worker does it rather than in the bench's tight loop
 * over one call (decision 0041). Per round, in one JVM: {@code one} is the bench's reference
 * ({@link BareTranscodeLoop} on one call, tight); {@code calls} is CALLS calls' codecs, each call's
 * two directions in turn, frame after frame without a pause; {@code grouped} the same calls with
 * every call's Opus -> AMR-WB direction first and then every call's AMR-WB -> Opus one; the
 * {@code paced} variants do one frame of every call per 20 ms and sleep the rest, as a worker does
 * with its share of a tick. The figures are calls per core (20 ms of a call's codec work per CPU
 * second, over 100), so the sleeps cost nothing; what shows is what many codec states, and the
 * order and pace they are worked in, cost the codecs themselves. Usage: BareAudioPacingCheck [CALLS] [ROUNDS]
 */
public final class BareAudioPacingCheck {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final long PERIOD_NANOS = 20_000_000L;

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
        String[] names = {"one", "calls", "grouped", "calls-paced", "grouped-paced", "two-in-phase", "two-staggered"};
        double[] sums = new double[names.length];
        try (BareTranscodeLoop one = new BareTranscodeLoop(codecs, opus, amr)) {
            for (int c = 0; c < calls; c++) {
                many.add(new BareTranscodeLoop(codecs, opus, amr));
            }
            one.run(500);
            turns(many, false, false, 2_000_000_000L);
            for (int r = 0; r < rounds; r++) {
                double[] f = {
                    20_000.0 / one.run(BARE_FRAMES / 2),
                    turns(many, false, false, 1_000_000_000L),
                    turns(many, true, false, 1_000_000_000L),
                    turns(many, false, true, 3_000_000_000L),
                    turns(many, true, true, 3_000_000_000L),
                    two(many, 0, 3_000_000_000L),
                    two(many, PERIOD_NANOS / 2, 3_000_000_000L),
                };
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
        System.out.println(json.append('}'));
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
