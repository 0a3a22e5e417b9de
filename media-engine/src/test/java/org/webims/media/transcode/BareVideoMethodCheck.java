package org.webims.media.transcode;

import java.util.List;
import java.util.Locale;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.video.VideoCodecBench;
import org.webims.media.video.I420Picture;

/**
 * Not a test: checks that the video-transcode bench's bare loop (the directions taking turns in
 * runs of 30 frames, codecs kept open: {@link BareVideoLoop}) measures what the earlier one did (each direction alone
 * for 3 s with fresh codecs: {@link VideoCodecBench#transcodeFps}, mixed as 2 / (1/a + 1/b)), so a
 * change of method does not move the ratio by itself (decision 0030). Alternates the two, ROUNDS
 * times, in one JVM; {@code turns-first} measures the new method first in each round, to see an
 * order effect. Usage: BareVideoMethodCheck [HEIGHT 360|720] [ROUNDS] [turns-first]
 */
public final class BareVideoMethodCheck {

    private BareVideoMethodCheck() {
    }

    public static void main(String[] args) throws Exception {
        int height = args.length > 0 ? Integer.parseInt(args[0]) : 360;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        boolean turnsFirst = args.length > 2 && args[2].equals("turns-first");
        int[] size = height >= 720 ? new int[] {1280, 720} : new int[] {640, 360};
        List<I420Picture> pictures = VideoCodecBench.pattern(size);
        List<byte[]> vp8 = VideoCodecBench.encodeStream(VideoCodecType.VP8, size, pictures);
        List<byte[]> h264 = VideoCodecBench.encodeStream(VideoCodecType.H264, size, pictures);
        double sumOld = 0;
        double sumNew = 0;
        try (BareVideoLoop bare = new BareVideoLoop(size, vp8, h264)) {
            bare.warmUp(VideoTranscodeBench.BARE_WARM_UP_SECONDS);
            for (int r = 0; r < rounds; r++) {
                BareVideoLoop.Figures f = turnsFirst ? bare.measure(VideoTranscodeBench.ROUND_SECONDS) : null;
                double a = VideoCodecBench.transcodeFps(VideoCodecs.backend(), size, VideoCodecType.VP8,
                        VideoCodecType.H264, vp8, 3) / 30;
                double b = VideoCodecBench.transcodeFps(VideoCodecs.backend(), size, VideoCodecType.H264,
                        VideoCodecType.VP8, h264, 3) / 30;
                double old = 2 / (1 / a + 1 / b);
                if (!turnsFirst) {
                    f = bare.measure(VideoTranscodeBench.ROUND_SECONDS);
                }
                sumOld += old;
                sumNew += f.streamsPerCore();
                System.out.printf(Locale.ROOT, "round %d: separate %.2f (VP8->H.264 %.2f, H.264->VP8 %.2f)  "
                                + "turns %.2f (%.2f, %.2f)  turns/separate %.3f%n", r, old, a, b,
                        f.streamsPerCore(), f.toH264StreamsPerCore(), f.toVp8StreamsPerCore(), f.streamsPerCore() / old);
            }
        }
        System.out.printf(Locale.ROOT, "{\"height\":%d,\"rounds\":%d,\"separate\":%.2f,\"turns\":%.2f,\"turns_over_separate\":%.3f}%n",
                height, rounds, sumOld / rounds, sumNew / rounds, sumNew / sumOld);
    }
}
