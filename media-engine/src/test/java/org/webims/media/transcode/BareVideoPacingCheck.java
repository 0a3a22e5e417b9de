package org.webims.media.transcode;

import java.util.List;
import java.util.Locale;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.video.VideoCodecBench;
import org.webims.media.video.I420Picture;

/**
 * Not a test: how much slower the same codec work runs when paced in real time (one frame each
 * way every 1/30 s, the thread sleeping between, as a lightly loaded video lane does) than in the
 * bench's tight turns ({@link BareVideoLoop#measure}), on one thread and one call's codecs, alternating the two
 * ROUNDS times in one JVM (decision 0035). The paced figure counts CPU only, so sleeping itself
 * costs nothing; what shows is what a frame costs after a sleep. Usage: BareVideoPacingCheck [HEIGHT] [ROUNDS]
 */
public final class BareVideoPacingCheck {

    private BareVideoPacingCheck() {
    }

    public static void main(String[] args) throws Exception {
        int height = args.length > 0 ? Integer.parseInt(args[0]) : 360;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] size = height >= 720 ? new int[] {1280, 720} : new int[] {640, 360};
        List<I420Picture> pictures = VideoCodecBench.pattern(size);
        List<byte[]> vp8 = VideoCodecBench.encodeStream(VideoCodecType.VP8, size, pictures);
        List<byte[]> h264 = VideoCodecBench.encodeStream(VideoCodecType.H264, size, pictures);
        double sumTight = 0;
        double sumPaced = 0;
        try (BareVideoLoop bare = new BareVideoLoop(size, vp8, h264)) {
            bare.warmUp(VideoTranscodeBench.BARE_WARM_UP_SECONDS);
            for (int r = 0; r < rounds; r++) {
                BareVideoLoop.Figures tight = bare.measure(VideoTranscodeBench.ROUND_SECONDS);
                BareVideoLoop.Figures paced = bare.measurePaced(2 * VideoTranscodeBench.ROUND_SECONDS,
                        VideoTranscodeBench.FRAME_NANOS);
                sumTight += tight.streamsPerCore();
                sumPaced += paced.streamsPerCore();
                System.out.printf(Locale.ROOT, "round %d: tight %.2f (VP8->H.264 %.2f, H.264->VP8 %.2f)  paced %.2f"
                                + " (%.2f, %.2f)  paced/tight %.3f%n", r, tight.streamsPerCore(),
                        tight.toH264StreamsPerCore(), tight.toVp8StreamsPerCore(), paced.streamsPerCore(),
                        paced.toH264StreamsPerCore(), paced.toVp8StreamsPerCore(),
                        paced.streamsPerCore() / tight.streamsPerCore());
            }
        }
        System.out.printf(Locale.ROOT, "{\"height\":%d,\"rounds\":%d,\"tight\":%.2f,\"paced\":%.2f,\"paced_over_tight\":%.3f}%n",
                height, rounds, sumTight / rounds, sumPaced / rounds, sumPaced / sumTight);
    }
}
