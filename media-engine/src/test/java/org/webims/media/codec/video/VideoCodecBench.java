package org.webims.media.codec.video;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.video.I420Picture;
import org.webims.media.video.MovingTestPattern;

/**
 * bin/bench video-codec: bare-loop frames per second per core (this thread's CPU time) for VP8 and
 * H.264 encoding per back-end and FFmpeg decoding, at 360p and 720p, and how many one-way
 * VP8 -> H.264 transcodes at 30 fps one core carries. Last line: one JSON object.
 * Usage: VideoCodecBench [SECONDS_PER_FIGURE]
 */
public final class VideoCodecBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int[][] SIZES = {{640, 360}, {1280, 720}};
    private static final int PATTERN_FRAMES = 30;
    /** One frame at 30 fps on the 90 kHz video RTP clock. */
    private static final long RTP_TICKS_PER_FRAME = 90_000 / 30;

    private final double seconds;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private VideoCodecBench(double seconds) {
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        new VideoCodecBench(seconds).run();
    }

    private static String label(int[] size) {
        return size[1] + "p";
    }

    /** The encoder settings of a video call at this size: 800 kbit/s at 360p, 2 Mbit/s at 720p. */
    public static VideoEncoderConfig callConfig(VideoCodecType codec, int[] size) {
        int bitrate = size[1] >= 720 ? 2_000_000 : 800_000; // typical video-call rates
        return codec == VideoCodecType.VP8 ? VideoEncoderConfig.vp8(size[0], size[1], bitrate)
                : VideoEncoderConfig.h264(size[0], size[1], bitrate, 31);
    }

    private void run() throws VideoCodecException {
        figures.put("bench", "video-codec");
        figures.put("system_available", SystemVideoLibraries.available());
        for (int[] size : SIZES) {
            List<I420Picture> pictures = pattern(size);
            for (VideoBackend backend : VideoBackend.values()) {
                if (!VideoCodecs.available(backend)) {
                    continue;
                }
                for (VideoCodecType codec : VideoCodecType.values()) {
                    double fps = encodeFps(backend, codec, size, pictures);
                    report(backend.name().toLowerCase(Locale.ROOT) + "_" + codec.name().toLowerCase(Locale.ROOT)
                            + "_encode_" + label(size) + "_fps", fps);
                }
            }
            for (VideoCodecType codec : VideoCodecType.values()) {
                List<byte[]> stream = encodeStream(codec, size, pictures);
                report("ffmpeg_" + codec.name().toLowerCase(Locale.ROOT) + "_decode_" + label(size) + "_fps",
                        decodeFps(codec, stream));
            }
            List<byte[]> vp8 = encodeStream(VideoCodecType.VP8, size, pictures);
            for (VideoBackend backend : VideoBackend.values()) {
                if (!VideoCodecs.available(backend)) {
                    continue;
                }
                double fps = transcodeFps(backend, size, VideoCodecType.VP8, VideoCodecType.H264, vp8, seconds);
                String prefix = backend == VideoCodecs.backend() ? "" : backend.name().toLowerCase(Locale.ROOT) + "_";
                report(prefix + "bare_streams_per_core_" + label(size), fps / 30.0);
            }
        }
        figures.put("backend", VideoCodecs.backend().name().toLowerCase(Locale.ROOT));
        StringBuilder json = new StringBuilder("{");
        figures.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(k).append("\":");
            json.append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
        });
        System.out.println(json.append('}'));
    }

    private void report(String name, double value) {
        double rounded = Math.round(value * 10) / 10.0;
        figures.put(name, rounded);
        System.out.printf(Locale.ROOT, "  %-40s %10.1f%n", name, rounded);
    }

    /** Thirty frames of the moving test pattern at {@code size} (width, height). */
    public static List<I420Picture> pattern(int[] size) {
        MovingTestPattern pattern = new MovingTestPattern(size[0], size[1]);
        List<I420Picture> pictures = new ArrayList<>();
        for (int n = 0; n < PATTERN_FRAMES; n++) {
            I420Picture picture = I420Picture.allocate(size[0], size[1]);
            pattern.draw(picture, n);
            pictures.add(picture);
        }
        return pictures;
    }

    private double measure(FrameStep step) throws VideoCodecException {
        return measure(step, seconds);
    }

    /** A loop of frames each measured: warm-up for a third of the time, then count frames per CPU second. */
    private static double measure(FrameStep step, double seconds) throws VideoCodecException {
        long warmEnd = System.nanoTime() + (long) (seconds * 1e9 / 3);
        int n = 0;
        while (System.nanoTime() < warmEnd) {
            step.frame(n++);
        }
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long wallEnd = System.nanoTime() + (long) (seconds * 1e9);
        int frames = 0;
        while (System.nanoTime() < wallEnd) {
            step.frame(n++);
            frames++;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return frames / (cpu / 1e9);
    }

    private interface FrameStep {
        void frame(int n) throws VideoCodecException;
    }

    private double encodeFps(VideoBackend backend, VideoCodecType codec, int[] size, List<I420Picture> pictures)
            throws VideoCodecException {
        EncodedVideoFrame out = new EncodedVideoFrame(256 * 1024);
        try (VideoEncoder encoder = VideoCodecs.encoder(callConfig(codec, size), backend)) {
            return measure(n -> encoder.encode(pictures.get(n % PATTERN_FRAMES), out));
        }
    }

    /** 150 frames (5 s, one key frame first) of {@code pictures} encoded as a call would send them. */
    public static List<byte[]> encodeStream(VideoCodecType codec, int[] size, List<I420Picture> pictures)
            throws VideoCodecException {
        EncodedVideoFrame out = new EncodedVideoFrame(256 * 1024);
        List<byte[]> stream = new ArrayList<>();
        try (VideoEncoder encoder = VideoCodecs.encoder(callConfig(codec, size))) {
            for (int n = 0; n < 150; n++) { // 5 s: one key frame, then deltas, as a call sends
                encoder.encode(pictures.get(n % PATTERN_FRAMES), out);
                stream.add(java.util.Arrays.copyOf(out.data(), out.length()));
            }
        }
        return stream;
    }

    private double decodeFps(VideoCodecType codec, List<byte[]> stream) throws VideoCodecException {
        try (VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            return measure(n -> {
                byte[] au = stream.get(n % stream.size());
                if (decoder.decode(au, 0, au.length, n) != VideoDecoder.Status.PICTURE) {
                    throw new VideoCodecException("frame " + n + " did not decode");
                }
            });
        }
    }

    /**
     * The bare transcode loop: {@code stream} (in {@code from}) decoded and encoded to {@code to} at
     * call settings, frames per CPU second of this thread. Also the reference of the video-transcode bench.
     * Pictures carry 90 kHz timestamps 1/30 s apart, as the transcoder's do (RFC 6184 §5.1, RFC 7741
     * §4.1: the video RTP clock): openh264 takes them as its rate-control clock (milliseconds), so a
     * frame counter here would give it a different clock from the gateway's.
     */
    public static double transcodeFps(VideoBackend backend, int[] size, VideoCodecType from, VideoCodecType to,
                                      List<byte[]> stream, double seconds) throws VideoCodecException {
        EncodedVideoFrame out = new EncodedVideoFrame(256 * 1024);
        try (VideoDecoder decoder = VideoCodecs.decoder(from);
                VideoEncoder encoder = VideoCodecs.encoder(callConfig(to, size), backend)) {
            return measure(n -> {
                byte[] au = stream.get(n % stream.size());
                if (decoder.decode(au, 0, au.length, n * RTP_TICKS_PER_FRAME) == VideoDecoder.Status.PICTURE) {
                    encoder.encode(decoder.picture(), out);
                }
            }, seconds);
        }
    }
}
