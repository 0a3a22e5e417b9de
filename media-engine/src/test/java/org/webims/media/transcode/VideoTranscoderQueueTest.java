package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.payload.FrameFlags;

/**
 * The video transcoder's bounded hand-off queue ({@value VideoTranscoder#QUEUE_FRAMES} frames,
 * decision 0007: drop and count, never block the I/O thread) when its worker falls behind: here
 * the only video worker is held busy while VP8 arrives, as CPU starvation would hold it.
 */
class VideoTranscoderQueueTest {

    TranscodeWorkers workers;
    CodecFormatAdapterFactory factory;
    RecordingFactory recording;
    MediaEngine engine;
    MediaPipeline pipeline;

    @BeforeEach
    void start() {
        workers = new TranscodeWorkers(1);
        factory = new CodecFormatAdapterFactory(AudioCodecs.get(), workers);
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
    void aFullQueueDropsCountsAsksForAKeyframeAndResumesAtTheKeyframe() throws Exception {
        int frames = 60;
        int busyUntil = 20; // the worker is held for frames 0..19: the queue holds 8, the rest cannot wait
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        // a stream that keeps the one video worker busy until released, as CPU starvation would
        VideoLane lane = workers.joinVideo(() -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        lane.signal();
        assertTrue(held.await(10, TimeUnit.SECONDS), "the worker is held");
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = new RecordingSink(pipeline, VideoTranscodingTest.H264_31);
        source.connect(sink, MediaType.VIDEO);
        int[] requestsBeforeOverflow = {-1};
        VideoTranscodingTest.send(source, 640, 360, frames, (n, k) -> false, n -> {
            if (n == VideoTranscoder.QUEUE_FRAMES) {
                requestsBeforeOverflow[0] = source.keyframeRequests.get(); // frames 0..7 fit in the queue
            }
            if (n == busyUntil) {
                release.countDown();
            }
        });
        assertTrue(Paced.await(10_000, () -> {
            Map<String, Long> c = CodecFormatAdapterFactory.counters(recording.last());
            return c.get("decode.pictures") + c.get("queue.dropped") + c.get("queue.droppedAwaitingKeyframe")
                    + c.get("failures") >= frames;
        }), () -> "every frame decoded or dropped: " + CodecFormatAdapterFactory.counters(recording.last()));

        Map<String, Long> c = CodecFormatAdapterFactory.counters(recording.last());
        assertTrue(c.get("queue.dropped") >= 1, "the frame that found the queue full is counted: " + c);
        assertTrue(c.get("queue.droppedAwaitingKeyframe") >= 1,
                "frames that refer to a dropped one are not decoded but counted: " + c);
        assertTrue(source.keyframeRequests.get() > requestsBeforeOverflow[0],
                "the drop asked the sender for a key frame: " + c);
        assertEquals(0, c.get("failures"), "no frame decoded against a missing reference: " + c);
        // the 8 queued frames, then everything from the sender's key frame on
        long pictures = c.get("decode.pictures");
        assertTrue(pictures > VideoTranscoder.QUEUE_FRAMES + 10, "decoding resumed after the key frame: " + c);
        assertEquals(frames, pictures + c.get("queue.dropped") + c.get("queue.droppedAwaitingKeyframe"), c.toString());

        // every picture decoded was encoded (or skipped by rate control) and went out, starting with an IDR
        assertTrue(Paced.await(5000, () -> {
            Map<String, Long> d = CodecFormatAdapterFactory.counters(recording.last());
            return d.get("encode.frames") + d.get("encode.skipped") >= pictures;
        }), () -> CodecFormatAdapterFactory.counters(recording.last()).toString());
        List<VideoTranscodingTest.AccessUnit> units = VideoTranscodingTest.accessUnits(sink.received);
        assertTrue(FrameFlags.isKeyframe(units.get(0).flags()), "H.264 out starts with an IDR");
        assertTrue(units.size() > VideoTranscoder.QUEUE_FRAMES + 10, "H.264 out resumed: " + units.size() + " access units");
    }
}
