package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.codec.video.VideoCodecBench;

/**
 * The video-transcode bench's reference: one call's codec work in a bare loop, the two directions
 * taking turns in runs of {@value #RUN_FRAMES} frames (a second of video: the far end's VP8 access
 * units decoded and encoded to H.264, then the other far end's H.264 ones decoded and encoded to
 * VP8), on the very access units the far ends send, with the call's encoder settings
 * ({@link VideoCodecBench#callConfig}, as the gateway's factory builds them for the bench's SDP)
 * and 90 kHz timestamps 3,000 apart (openh264's rate clock). So both directions are measured over
 * the same seconds, in the gateway's mix (as many frames each way), and the codecs keep their state
 * across rounds as a call's do (decision 0030). Runs, not single frames: alternating every frame
 * keeps neither codec's state in the caches and measured 2.5-4.5 % slower than each direction
 * alone, which would flatter the gateway. Thread CPU of the calling thread only, as for the
 * gateway's threads.
 */
final class BareVideoLoop implements AutoCloseable {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final long RTP_TICKS_PER_FRAME = 90_000 / 30;
    /** Frames one direction runs before the other takes over: the far ends' 30-frame pattern once. */
    static final int RUN_FRAMES = 30;

    /** One direction: a decoder, an encoder, the access units it gets. */
    private static final class Direction implements AutoCloseable {
        final List<byte[]> in;
        final VideoDecoder decoder;
        final VideoEncoder encoder;
        final EncodedVideoFrame out = new EncodedVideoFrame(256 * 1024);
        long cpuNanos;
        /** Since the loop opened: frames encoded, key frames among them, bytes out, key frames in (decoded). */
        long encoded;
        long keyframesOut;
        long bytesOut;
        long keyframesIn;

        Direction(int[] size, VideoCodecType from, VideoCodecType to, List<byte[]> in) throws VideoCodecException {
            this.in = in;
            this.decoder = VideoCodecs.decoder(from);
            VideoEncoder e = null;
            try {
                e = VideoCodecs.encoder(VideoCodecBench.callConfig(to, size), VideoCodecs.backend());
            } finally {
                if (e == null) {
                    decoder.close();
                }
            }
            this.encoder = e;
        }

        void frame(long n) throws VideoCodecException {
            int at = (int) (n % in.size());
            byte[] au = in.get(at);
            if (at == 0) {
                keyframesIn++; // encodeStream: the stream's one key frame is its first
            }
            if (decoder.decode(au, 0, au.length, n * RTP_TICKS_PER_FRAME) == VideoDecoder.Status.PICTURE
                    && encoder.encode(decoder.picture(), out)) {
                encoded++;
                bytesOut += out.length();
                if (out.keyFrame()) {
                    keyframesOut++;
                }
            }
        }

        @Override
        public void close() {
            decoder.close();
            encoder.close();
        }
    }

    /** What one {@link #measure} saw: frames each way and their thread CPU. */
    record Figures(long frames, long cpuNanos, long toH264Nanos, long toVp8Nanos) {
        /** One-way streams per core of the mix: frames per CPU-second over 30 fps. */
        double streamsPerCore() {
            return cpuNanos == 0 ? 0 : frames / (cpuNanos / 1e9) / 30;
        }

        double toH264StreamsPerCore() {
            return toH264Nanos == 0 ? 0 : frames / 2 / (toH264Nanos / 1e9) / 30;
        }

        double toVp8StreamsPerCore() {
            return toVp8Nanos == 0 ? 0 : frames / 2 / (toVp8Nanos / 1e9) / 30;
        }
    }

    /** Counters of the two directions since the loop opened, VP8->H.264 first: encoded, key frames out, bytes out, key frames in. */
    long[] counters() {
        return new long[] {toH264.encoded, toH264.keyframesOut, toH264.bytesOut, toH264.keyframesIn,
            toVp8.encoded, toVp8.keyframesOut, toVp8.bytesOut, toVp8.keyframesIn};
    }

    private final Direction toH264;
    private final Direction toVp8;
    private long n;

    /** A loop over the bench's streams at {@code size}: the moving test pattern encoded as each far end sends it. */
    static BareVideoLoop ofPattern(int[] size) throws VideoCodecException {
        List<org.webims.media.video.I420Picture> pictures = VideoCodecBench.pattern(size);
        return new BareVideoLoop(size, VideoCodecBench.encodeStream(VideoCodecType.VP8, size, pictures),
                VideoCodecBench.encodeStream(VideoCodecType.H264, size, pictures));
    }

    BareVideoLoop(int[] size, List<byte[]> vp8In, List<byte[]> h264In) throws VideoCodecException {
        toH264 = new Direction(size, VideoCodecType.VP8, VideoCodecType.H264, vp8In);
        Direction other = null;
        try {
            other = new Direction(size, VideoCodecType.H264, VideoCodecType.VP8, h264In);
        } finally {
            if (other == null) {
                toH264.close();
            }
        }
        toVp8 = other;
    }

    /** Runs turns (a run each way) for {@code seconds} of wall time, uncounted: codec start-up, JIT. */
    void warmUp(double seconds) throws VideoCodecException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            turn();
        }
    }

    /** Runs whole turns until {@code seconds} of wall time have passed; counts frames and this thread's CPU. */
    Figures measure(double seconds) throws VideoCodecException {
        return turns(System.nanoTime() + (long) (seconds * 1e9), Long.MAX_VALUE);
    }

    /** Runs {@code count} turns (a run each way); counts frames and this thread's CPU. */
    Figures turns(int count) throws VideoCodecException {
        return turns(Long.MAX_VALUE, count);
    }

    /** Whole turns until {@code endNanos} (System.nanoTime) or {@code count} turns, whichever comes first. */
    private Figures turns(long endNanos, long count) throws VideoCodecException {
        long turns = 0;
        long a = 0;
        long b = 0;
        long t0 = CPU.getCurrentThreadCpuTime();
        long t = t0;
        while (turns < count && (endNanos == Long.MAX_VALUE || System.nanoTime() < endNanos)) {
            run(toH264);
            long t1 = CPU.getCurrentThreadCpuTime();
            run(toVp8);
            long t2 = CPU.getCurrentThreadCpuTime();
            a += t1 - t;
            b += t2 - t1;
            t = t2;
            turns++;
        }
        return new Figures(2 * turns * RUN_FRAMES, t - t0, a, b);
    }

    /**
     * Diagnostic (not the bench's reference): the same codec work paced as the far ends send it, one
     * frame each way every {@code periodNanos}, sleeping between, as a lightly loaded lane does;
     * for {@code seconds} of wall time. Counts frames and this thread's CPU (decision 0035).
     */
    Figures measurePaced(double seconds, long periodNanos) throws VideoCodecException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long frames = 0;
        long a = 0;
        long b = 0;
        long t0 = CPU.getCurrentThreadCpuTime();
        for (long i = 0; System.nanoTime() < end; i++) {
            long wait;
            while ((wait = start + i * periodNanos - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            long c0 = CPU.getCurrentThreadCpuTime();
            toH264.frame(n);
            long c1 = CPU.getCurrentThreadCpuTime();
            toVp8.frame(n);
            a += c1 - c0;
            b += CPU.getCurrentThreadCpuTime() - c1;
            n++;
            frames += 2;
        }
        return new Figures(frames, CPU.getCurrentThreadCpuTime() - t0, a, b);
    }

    /**
     * Diagnostic (decision 0051): the next frames of both directions come {@code frames} later in
     * the far ends' streams, as the bench's far ends used to jump ahead over a pause, so the decoders
     * get deltas whose references they never saw.
     */
    void skip(long frames) {
        n += frames;
    }

    private void turn() throws VideoCodecException {
        run(toH264);
        run(toVp8);
    }

    /** {@value #RUN_FRAMES} frames of one direction; both directions see the same frame numbers. */
    private void run(Direction d) throws VideoCodecException {
        long first = d == toH264 ? n : n - RUN_FRAMES;
        for (int i = 0; i < RUN_FRAMES; i++) {
            d.frame(first + i);
        }
        if (d == toH264) {
            n += RUN_FRAMES;
        }
    }

    @Override
    public void close() {
        toH264.close();
        toVp8.close();
    }
}
