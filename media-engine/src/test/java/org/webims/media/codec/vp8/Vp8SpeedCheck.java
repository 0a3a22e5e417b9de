package org.webims.media.codec.vp8;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.codec.video.VideoCodecBench;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.video.I420Picture;

/**
 * Not a test (decision 0051): libvpx's VP8 realtime speed with cpu-used +8 (speed chosen from the
 * wall time each encode took, vp8_auto_select_speed) against fixed speeds (-N), on the same pictures;
 * CPU per frame and bytes per frame, rounds alternating. With a wall-clock pause injected between
 * frames nothing changes; what moves +8 is a long encode (preemption). Usage: Vp8SpeedCheck [HEIGHT] [ROUNDS] [FRAMES]
 */
public final class Vp8SpeedCheck {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private Vp8SpeedCheck() {
    }

    public static void main(String[] args) throws Exception {
        int height = args.length > 0 ? Integer.parseInt(args[0]) : 360;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int[] size = height >= 720 ? new int[] {1280, 720} : new int[] {640, 360};
        List<I420Picture> pictures = VideoCodecBench.pattern(size);
        int[] speeds = {8, -4, -5, -6, -8};
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            for (int speed : speeds) {
                VideoEncoderConfig config = VideoCodecBench.callConfig(VideoCodecType.VP8, size);
                EncodedVideoFrame out = new EncodedVideoFrame(1 << 20);
                try (LibVpxVp8Encoder e = new LibVpxVp8Encoder(config)) {
                    Field f = LibVpxVp8Encoder.class.getDeclaredField("contextAddress");
                    f.setAccessible(true);
                    long ctx = f.getLong(e);
                    if (LibVpx.vpx_codec_control_(ctx, LibVpx.VP8E_SET_CPUUSED, speed) != 0) {
                        throw new IllegalStateException("cpu-used " + speed);
                    }
                    for (int n = 0; n < 60; n++) {
                        e.encode(pictures.get(n % pictures.size()), out);
                    }
                    long bytes = 0;
                    long t0 = CPU.getCurrentThreadCpuTime();
                    for (int n = 0; n < frames; n++) {
                        e.encode(pictures.get(n % pictures.size()), out);
                        bytes += out.length();
                    }
                    double ms = (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / frames;
                    line.append(String.format(Locale.ROOT, "  cpu-used %+d: %.2f ms/fr %d B/fr", speed, ms, bytes / frames));
                }
            }
            System.out.println(line);
        }
    }
}
