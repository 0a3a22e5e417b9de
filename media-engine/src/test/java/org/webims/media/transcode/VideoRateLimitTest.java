package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.payload.FrameFlags;

/**
 * A downstream bitrate limit (REMB, TMMBR, the send-side estimate) held by the transcoder's encoder
 * with real codecs both ways: VP8 in and H.264 out (toward an IMS phone), H.264 in and VP8 out
 * (toward a browser). The output is reassembled and decoded as the far end would.
 */
class VideoRateLimitTest {

    static final MediaFormat VP8 = VideoTranscodingTest.VP8;
    static final MediaFormat H264 = VideoTranscodingTest.H264_31;
    static final long LIMIT = 150_000;
    static final int FRAME_TICKS = 3000; // 30 fps at 90 kHz

    CodecFormatAdapterFactory factory;
    RecordingFactory recording;
    MediaEngine engine;
    MediaPipeline pipeline;

    @BeforeEach
    void start() {
        factory = new CodecFormatAdapterFactory();
        recording = new RecordingFactory(factory);
        engine = new MediaEngine(MediaEngineSettings.defaults(), recording);
        pipeline = engine.createPipeline();
    }

    @AfterEach
    void stop() {
        engine.close();
        factory.close();
    }

    @Test
    void towardImsA150kbitLimitAt360pIsHeldAtHalfSizeAndLiftingItRestoresRateAndSize() throws Exception {
        limitedThenLifted(VP8, H264);
    }

    @Test
    void towardABrowserA150kbitLimitAt360pIsHeldAtHalfSizeAndLiftingItRestoresRateAndSize() throws Exception {
        limitedThenLifted(H264, VP8);
    }

    /**
     * 360p at 30 fps for 11 s: a 150 kbit/s limit at 1 s, lifted to 1 Mbit/s at 6.8 s. Measured over
     * 4 s from 2.5 s (after the switch settles), the output stays under the dropper's own bound
     * (target * (4 s + its 0.5 s bucket) + the largest frame) and under 1.3x the limit; every frame
     * decodes, at 320x180; after the lift (1 Mbit/s, above the encoder's configured 800 kbit/s: no
     * limit) the rate rises to the configured one, nothing more is dropped for rate, and the size
     * is 640x360 again, changed twice in all (down and up, no flapping).
     */
    void limitedThenLifted(MediaFormat in, MediaFormat out) throws Exception {
        int frames = 330;
        int limitAt = 30;
        int from = 75;
        int to = 195; // 120 frames: 4 s
        int liftAt = to + VideoTranscoder.QUEUE_FRAMES + 1; // the worker may lag the sender by its queue
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connected(source, out);
        long[] droppedAtLift = {-1};
        send(source, in, 640, 360, frames, n -> {
            if (n == limitAt) {
                sink.pad(MediaType.VIDEO).limitBitrate(LIMIT);
            } else if (n == liftAt) {
                sink.pad(MediaType.VIDEO).limitBitrate(1_000_000);
            } else if (n == 255) { // the worker, lagging by its queue, has applied the lift
                droppedAtLift[0] = counters().get("rate.dropped");
            }
        });
        assertTrue(tookAll(frames));
        Map<String, Long> c = counters();
        long windowBytes = 0;
        int maxFrame = 0;
        long liftedBytes = 0;
        Decoded last = null;
        for (Decoded d : decodeAll(sink, out)) {
            if (d.n >= from && d.n < to) {
                windowBytes += d.bytes;
                maxFrame = Math.max(maxFrame, d.bytes);
                assertEquals(320 * 180, d.width * d.height, "frame " + d.n + " at half size under the limit");
            } else if (d.n >= 255) {
                liftedBytes += d.bytes;
            }
            last = d;
        }
        double seconds = (to - from) / 30.0;
        double limitedBps = windowBytes * 8 / seconds;
        double liftedBps = liftedBytes * 8 / ((frames - 255) / 30.0);
        String report = String.format("limited %.0f bit/s (largest frame %d B), lifted %.0f bit/s, %s",
                limitedBps, maxFrame, liftedBps, c);
        System.out.println(codec(in) + " -> " + codec(out) + ": " + report);
        double bucketBound = LIMIT * (seconds + RateFrameDropper.BUCKET_MS / 1000.0) + maxFrame * 8.0;
        assertTrue(windowBytes * 8 <= bucketBound, "within the dropper's bound " + bucketBound + ": " + report);
        assertTrue(limitedBps <= 1.3 * LIMIT, report);
        assertTrue(limitedBps >= 0.3 * LIMIT, "the limit is used, not starved: " + report);
        assertEquals(c.get("decode.pictures"), c.get("encode.frames") + c.get("rate.dropped"),
                "each picture encoded or dropped for rate: " + report);
        assertTrue(liftedBps > 2 * limitedBps, "the rate comes back: " + report);
        assertTrue(liftedBps >= 0.6 * 800_000 && liftedBps <= 1.3 * 800_000, "the unlimited rate: " + report);
        assertEquals(640 * 360, last.width * last.height, "full size again: " + report);
        assertEquals(2, c.get("encode.resizes"), "down once, up once: " + report);
        assertEquals(640L, c.get("encode.width"));
        // 1 Mbit/s is above the 800 kbit/s a 360p encoder is configured at: the limit is lifted, not raised to
        assertEquals(800_000L, c.get("encode.targetBitrate"), "the configured rate: " + report);
        assertEquals(droppedAtLift[0], c.get("rate.dropped"), "the dropper is off once lifted: " + report);
    }

    /**
     * 180p cannot shrink (it is already under libwebrtc's QVGA ceiling), so at 50 kbit/s only the
     * dropper holds it: openh264 without frame skipping stops at its quantizer ceiling above that.
     */
    @Test
    void aPictureTooSmallToHalveIsHeldToTheLimitByDroppingFrames() throws Exception {
        int frames = 180;
        int from = 60;
        int to = 180; // 4 s
        long limit = 50_000;
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connected(source, H264);
        send(source, VP8, 320, 180, frames, n -> {
            if (n == 15) {
                sink.pad(MediaType.VIDEO).limitBitrate(limit);
            }
        });
        assertTrue(tookAll(frames));
        Map<String, Long> c = counters();
        long bytes = 0;
        int maxFrame = 0;
        for (Decoded d : decodeAll(sink, H264)) {
            assertEquals(320, d.width);
            if (d.n >= from && d.n < to) {
                bytes += d.bytes;
                maxFrame = Math.max(maxFrame, d.bytes);
            }
        }
        double seconds = (to - from) / 30.0;
        String report = String.format("%.0f bit/s (largest frame %d B), %s", bytes * 8 / seconds, maxFrame, c);
        System.out.println("320x180 at 50 kbit/s: " + report);
        assertTrue(c.get("rate.dropped") > 0, report);
        assertEquals(0L, c.get("encode.resizes"), report);
        assertTrue(bytes * 8 <= limit * (seconds + RateFrameDropper.BUCKET_MS / 1000.0) + maxFrame * 8.0, report);
        assertTrue(bytes * 8 / seconds <= 1.3 * limit, report);
    }

    @Test
    void withoutALimitNoFrameIsDroppedAndTheSizeStays() throws Exception {
        int frames = 60;
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connected(source, H264);
        send(source, VP8, 640, 360, frames, n -> { });
        assertTrue(tookAll(frames));
        Map<String, Long> c = counters();
        assertEquals(0L, c.get("rate.dropped"), c.toString());
        assertEquals(0L, c.get("encode.resizes"), c.toString());
        assertEquals(640L, c.get("encode.width"));
        assertEquals(360L, c.get("encode.height"));
        assertEquals(c.get("decode.pictures"), c.get("encode.frames"), "every decoded picture encoded: " + c);
    }

    /** A PLI that arrives right after the dropper skipped a picture is answered with the next one, a key frame. */
    @Test
    void aPliWhileFramesAreDroppedForRateStillGetsAKeyFrameAtOnce() throws Exception {
        int frames = 150;
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connected(source, H264);
        long[] droppedBefore = {-1};
        int[] askedAt = {-1};
        send(source, VP8, 640, 360, frames, n -> {
            if (n == 30) {
                sink.pad(MediaType.VIDEO).limitBitrate(LIMIT);
            }
            if (n >= 60 && askedAt[0] < 0) {
                long dropped = counters().get("rate.dropped");
                if (droppedBefore[0] >= 0 && dropped > droppedBefore[0]) {
                    askedAt[0] = n; // the dropper skipped the last picture: the bucket is over its limit
                    sink.pad(MediaType.VIDEO).requestKeyframe();
                }
                droppedBefore[0] = dropped;
            }
        });
        assertTrue(askedAt[0] > 0, "frames were dropped for rate: " + counters());
        List<Integer> keyframesAfter = new ArrayList<>();
        for (Decoded d : decodeAll(sink, H264)) {
            if (d.n >= askedAt[0] - 1 && d.keyframe) {
                keyframesAfter.add(d.n);
            }
        }
        // the request is read before the next picture is encoded; that picture was queued at most
        // a frame or two before it (the worker lags the sender by its queue)
        assertTrue(!keyframesAfter.isEmpty() && keyframesAfter.get(0) <= askedAt[0] + 3,
                "asked at frame " + askedAt[0] + ", key frames at " + keyframesAfter + ": " + counters());
    }

    /** H.264 level 2.1 (42e015): at most 792 macroblocks a picture, so 640x360 (920) is coded smaller. */
    static final MediaFormat H264_21 = MediaFormat.video("H264").with("packetization-mode", "1")
            .with("profile-level-id", "42e015");

    /**
     * Key frames every 20 pictures (a PLI each time, as a lossy far end asks) at a level-limited
     * 360p under 400 kbit/s, which keeps the size (360p needs 300 kbit/s) but not the frame rate:
     * each key frame (~6.9 kB at 536x302) is about 4 per-frame budgets (1667 B). Filled into the
     * dropper's bucket at once, each is paid for by a run of dropped pictures after it (measured with
     * the spreading turned off: runs of 2-4 after most key frames, the dropper's longest 4). Spread
     * (libwebrtc's FrameDropper), a key frame enters the bucket at most at half the budget, so a
     * dropped picture lowers the bucket by at least half a budget r, and a kept delta frame of d
     * bytes leaves it at most d - r/2 over: a run is at most ceil(2d/r - 1) pictures. N = 3 is
     * that bound for delta frames up to twice the budget (an encoder at its target stays under it);
     * also asserted against the largest delta frame observed.
     */
    @Test
    void keyFramesUnderALimitAreSpreadSoNoLongRunOfPicturesIsDroppedAfterOne() throws Exception {
        int frames = 300;
        long limit = 400_000;
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connected(source, H264_21);
        send(source, VP8, 640, 360, frames, n -> {
            if (n == 15) {
                sink.pad(MediaType.VIDEO).limitBitrate(limit);
            } else if (n >= 60 && n % 20 == 0) {
                sink.pad(MediaType.VIDEO).requestKeyframe();
            }
        });
        assertTrue(tookAll(frames));
        Map<String, Long> c = counters();
        // a gap in what came out is the dropper's only when the worker's queue dropped nothing for CPU
        boolean gapsAreTheDroppers = c.get("queue.dropped") == 0 && c.get("queue.droppedAwaitingKeyframe") == 0;
        List<Decoded> out = decodeAll(sink, H264_21);
        double budgetBytes = limit / 8.0 / 30;
        int maxDelta = 0;
        int keys = 0;
        int longestRun = 0;
        List<String> perKey = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Decoded d = out.get(i);
            if (d.n < 60) {
                continue;
            }
            if (!d.keyframe) {
                maxDelta = Math.max(maxDelta, d.bytes);
                continue;
            }
            keys++;
            int run = 0;
            for (int j = i + 1; j < out.size() && out.get(j).n < d.n + 20; j++) {
                run = Math.max(run, out.get(j).n - out.get(j - 1).n - 1);
            }
            longestRun = Math.max(longestRun, run);
            perKey.add(d.n + ": " + d.bytes + " B, unspread run ~" + Math.round(d.bytes / budgetBytes) + ", run " + run);
        }
        double bound = Math.ceil(2 * maxDelta / budgetBytes - 1);
        String report = String.format("%d key frames, largest delta %d B, budget %.0f B/frame, longest run %d (bound %.0f), %s; %s",
                keys, maxDelta, budgetBytes, longestRun, bound, perKey, c);
        System.out.println("key frames every 20 at 400 kbit/s, level 2.1: " + report);
        assertTrue(keys >= 10, "key frames came out: " + report);
        assertTrue(out.stream().allMatch(d -> d.width * d.height <= 792 * 256), "within level 2.1: " + report);
        long droppersRun = c.get("rate.longestDropRun");
        assertTrue(droppersRun <= bound && droppersRun <= 3, "the dropper's longest run: " + report);
        if (gapsAreTheDroppers) {
            assertTrue(longestRun <= bound && longestRun <= 3, report);
        }
        assertTrue(c.get("rate.dropped") > 0, "the limit was reached: " + report);
    }

    /** One frame that came out: its index at the source (30 fps), size in bytes, decoded size. */
    record Decoded(int n, int bytes, int width, int height, boolean keyframe) { }

    /** Reassembles and decodes what the sink received, as the far end would; every frame must decode. */
    static List<Decoded> decodeAll(RecordingSink sink, MediaFormat format) throws Exception {
        List<VideoTranscodingTest.AccessUnit> units = VideoTranscodingTest.accessUnits(sink.received, format);
        List<Decoded> out = new ArrayList<>();
        long ts0 = units.get(0).timestamp();
        try (VideoDecoder dec = VideoCodecs.decoder(codec(format))) {
            for (VideoTranscodingTest.AccessUnit u : units) {
                int n = (int) (((u.timestamp() - ts0) & 0xFFFFFFFFL) / FRAME_TICKS);
                assertEquals(VideoDecoder.Status.PICTURE, dec.decode(u.data(), 0, u.data().length, u.timestamp()),
                        "frame " + n + " decodes");
                out.add(new Decoded(n, u.data().length, dec.picture().width(), dec.picture().height(),
                        FrameFlags.isKeyframe(u.flags())));
            }
        }
        return out;
    }

    RecordingSink connected(TestSource source, MediaFormat format) {
        RecordingSink sink = new RecordingSink(pipeline, format);
        source.connect(sink, MediaType.VIDEO);
        return sink;
    }

    /** Waits until the transcoder has decoded or dropped (for CPU) every frame sent. */
    boolean tookAll(int frames) {
        return Paced.await(5000, () -> counters().get("decode.pictures") + counters().get("queue.dropped")
                + counters().get("queue.droppedAwaitingKeyframe") >= frames - 1);
    }

    Map<String, Long> counters() {
        return CodecFormatAdapterFactory.counters(recording.last());
    }

    static VideoCodecType codec(MediaFormat f) {
        return VideoTranscodingTest.isVp8(f) ? VideoCodecType.VP8 : VideoCodecType.H264;
    }

    static void send(TestSource source, MediaFormat format, int width, int height, int frames, IntConsumer beforeFrame)
            throws Exception {
        VideoTranscodingTest.send(source, format, width, height, frames, (n, k) -> false, beforeFrame);
    }
}
