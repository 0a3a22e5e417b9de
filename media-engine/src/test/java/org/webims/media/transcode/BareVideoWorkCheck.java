package org.webims.media.transcode;

import java.util.Locale;

/**
 * Not a test: what the video-transcode bench's bare loop does, window by window (decision 0051).
 * <ul>
 * <li>{@code windows [HEIGHT] [WINDOWS] [PAUSE_MS]}: the bench's bare windows back to back, with
 * what each direction did in each (frames, CPU, key frames in and out, bytes out), to see whether
 * its rounds differ in work or only in speed.</li>
 * <li>{@code skip [HEIGHT] [ROUNDS] [SKIP]}: what the gateway side decoded while the far ends still
 * jumped ahead over a pause. Each round, both ways: the streams jump {@code SKIP} frames ahead or
 * not, then a second of frames runs uncounted and three seconds' counted, in turns of 30,
 * alternating jump / no jump; CPU per frame each way.</li>
 * </ul>
 */
public final class BareVideoWorkCheck {

    private BareVideoWorkCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("skip")) {
            skip(args);
        } else {
            windows(args);
        }
    }

    private static void windows(String[] args) throws Exception {
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 360;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        long pauseMs = args.length > 3 ? Long.parseLong(args[3]) : 0;
        int[] size = height >= 720 ? new int[] {1280, 720} : new int[] {640, 360};
        try (BareVideoLoop bare = BareVideoLoop.ofPattern(size)) {
            bare.warmUp(VideoTranscodeBench.BARE_WARM_UP_SECONDS);
            long[] c0 = bare.counters();
            for (int w = 0; w < windows; w++) {
                long wall0 = System.nanoTime();
                BareVideoLoop.Figures f = bare.measure(VideoTranscodeBench.ROUND_SECONDS);
                double wall = (System.nanoTime() - wall0) / 1e9;
                long[] c1 = bare.counters();
                long half = f.frames() / 2;
                System.out.printf(Locale.ROOT, "window %2d: mix %.2f  cpu/wall %.3f | VP8->H.264 %.2f spc, %d frames, %.2f ms/frame,"
                                + " key in %d out %d, %d B/frame | H.264->VP8 %.2f spc, %.2f ms/frame, key in %d out %d, %d B/frame%n",
                        w, f.streamsPerCore(), f.cpuNanos() / 1e9 / wall, f.toH264StreamsPerCore(), half,
                        f.toH264Nanos() / 1e6 / half, c1[3] - c0[3], c1[1] - c0[1], (c1[2] - c0[2]) / Math.max(1, c1[0] - c0[0]),
                        f.toVp8StreamsPerCore(), f.toVp8Nanos() / 1e6 / half, c1[7] - c0[7], c1[5] - c0[5],
                        (c1[6] - c0[6]) / Math.max(1, c1[4] - c0[4]));
                c0 = c1;
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        }
    }

    private static void skip(String[] args) throws Exception {
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 360;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int skip = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        int[] size = height >= 720 ? new int[] {1280, 720} : new int[] {640, 360};
        double[] sum = new double[4];
        try (BareVideoLoop bare = BareVideoLoop.ofPattern(size)) {
            bare.warmUp(VideoTranscodeBench.BARE_WARM_UP_SECONDS);
            for (int r = 0; r < 2 * rounds; r++) {
                boolean jump = r % 2 == 0;
                if (jump) {
                    bare.skip(skip);
                }
                bare.turns(1); // settle: a second of frames, as the bench waits after resuming
                BareVideoLoop.Figures f = bare.turns(3);
                double h = f.toH264Nanos() / 1e6 / (f.frames() / 2);
                double v = f.toVp8Nanos() / 1e6 / (f.frames() / 2);
                sum[jump ? 0 : 2] += h;
                sum[jump ? 1 : 3] += v;
                System.out.printf(Locale.ROOT, "round %2d %-8s to H.264 %.2f ms/frame, to VP8 %.2f ms/frame%n", r / 2,
                        jump ? "jump" : "no jump", h, v);
            }
        }
        System.out.printf(Locale.ROOT, "{\"skip\":%d,\"rounds\":%d,\"jump_ms_to_h264\":%.3f,\"jump_ms_to_vp8\":%.3f,"
                + "\"clean_ms_to_h264\":%.3f,\"clean_ms_to_vp8\":%.3f,\"jump_over_clean\":%.3f}%n", skip, rounds,
                sum[0] / rounds, sum[1] / rounds, sum[2] / rounds, sum[3] / rounds, (sum[0] + sum[1]) / (sum[2] + sum[3]));
    }
}
