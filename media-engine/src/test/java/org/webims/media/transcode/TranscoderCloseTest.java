package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.Tones;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;

/** Closing while media flows frees codecs safely and leaves no thread behind. */
class TranscoderCloseTest {

    static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    @Test
    void closingDuringFlowLeaksNoThreadAndFreesEveryAdapter() throws Exception {
        byte[][] opus = new byte[50][];
        try (OpusEncoder enc = AudioCodecs.get().newOpusEncoder()) {
            short[] tone = Tones.sine(1000, -20, 48_000, 50 * 960);
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < 50; f++) {
                opus[f] = java.util.Arrays.copyOf(buf, enc.encode(tone, f * 960, buf, 0, buf.length));
            }
        }
        Set<Thread> before = liveThreads();

        CodecFormatAdapterFactory factory = new CodecFormatAdapterFactory();
        MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), factory);
        List<TestSource> sources = new ArrayList<>();
        for (int call = 0; call < 8; call++) {
            MediaPipeline pipeline = engine.createPipeline();
            TestSource source = new TestSource(pipeline);
            source.connect(new RecordingSink(pipeline, MediaFormat.audio("AMR-WB", 16_000, 1)), MediaType.AUDIO);
            sources.add(source);
        }
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            int i = 0;
            while (sending.get()) {
                for (TestSource s : sources) {
                    if (!s.isReleased()) {
                        try {
                            s.send(MediaFormat.audio("opus", 48_000, 2), opus[i % 50], opus[i % 50].length, i * 960L, i, false, 1);
                        } catch (IllegalStateException released) {
                            // released under our feet: what this test does
                        }
                    }
                }
                i++;
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
        }, "test-sender");
        sender.start();
        assertTrue(Paced.await(3000, () -> factory.openAdapters() == 8), "8 transcoders running");
        Thread.sleep(300); // mid-flow: workers are decoding and encoding now
        engine.close();
        factory.close();
        sending.set(false);
        sender.join();

        assertEquals(0, factory.openAdapters(), "every adapter closed");
        assertTrue(Paced.await(5000, () -> {
            Set<Thread> extra = liveThreads();
            extra.removeAll(before);
            return extra.isEmpty();
        }), () -> {
            Set<Thread> extra = liveThreads();
            extra.removeAll(before);
            return "threads left: " + extra;
        });
    }

    @Test
    void closingAfterVideoFlowedEndsEveryVideoWorker() throws Exception {
        Set<Thread> before = liveThreads();
        CodecFormatAdapterFactory factory = new CodecFormatAdapterFactory(AudioCodecs.get(), new TranscodeWorkers(1, 2));
        MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), factory);
        List<RecordingSink> sinks = new ArrayList<>();
        List<TestSource> sources = new ArrayList<>();
        for (int stream = 0; stream < 3; stream++) {
            MediaPipeline pipeline = engine.createPipeline();
            TestSource source = new TestSource(pipeline);
            RecordingSink sink = new RecordingSink(pipeline, VideoTranscodingTest.H264_31);
            source.connect(sink, MediaType.VIDEO);
            sources.add(source);
            sinks.add(sink);
        }
        for (TestSource source : sources) {
            VideoTranscodingTest.send(source, 320, 180, 5, (n, k) -> false, n -> { });
        }
        assertTrue(Paced.await(10_000, () -> sinks.stream().allMatch(k -> !k.received.isEmpty())),
                "every stream was transcoded");
        Set<String> video = liveThreads().stream().map(Thread::getName).filter(n -> n.contains("-video-"))
                .collect(Collectors.toSet());
        assertEquals(2, video.size(), "three streams on the two configured video workers: " + video);
        engine.close();
        factory.close();

        // the codec libraries' own process-wide threads (JNA, JavaCPP) start on first use and stay: not ours
        assertTrue(Paced.await(5000, () -> transcodeThreadsBut(before).isEmpty()),
                () -> "threads left: " + transcodeThreadsBut(before));
    }

    private static Set<String> transcodeThreadsBut(Set<Thread> before) {
        Set<Thread> extra = liveThreads();
        extra.removeAll(before);
        return extra.stream().map(Thread::getName).filter(n -> n.startsWith("transcode-")).collect(Collectors.toSet());
    }
}
