package org.webims.media.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.filetest.TestEncoders;
import org.webims.media.filetest.WavFiles;
import org.junit.jupiter.api.io.TempDir;

/** Real-time pacing of a WAV file's 20 ms frames on a scheduler. */
class PlaybackPacerTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutDown() throws InterruptedException {
        scheduler.shutdownNow();
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void sendsEveryFrameInOrderNeverBeforeItsTimeThenEndOfStream() throws Exception {
        Path wav = WavFiles.write(dir.resolve("pace.wav"), 8_000, 1, TestEncoders.tone(8_000, 1));
        Collector sink = new Collector(Integer.MAX_VALUE);
        try (MediaFileReader reader = MediaFileReader.open(wav)) {
            PlaybackPacer pacer = new PlaybackPacer(reader, scheduler, sink, false);
            pacer.start();
            assertTrue(sink.ended.await(10, TimeUnit.SECONDS));
        }
        assertEquals(50, sink.times.size());
        long firstNanos = sink.arrivals.get(0);
        for (int i = 0; i < sink.times.size(); i++) {
            assertEquals(i * 20_000L, sink.times.get(i));
            long dueNanos = TimeUnit.MICROSECONDS.toNanos(sink.times.get(i));
            assertTrue(sink.arrivals.get(i) - firstNanos >= dueNanos - TimeUnit.MILLISECONDS.toNanos(2),
                    "frame " + i + " sent early");
        }
        assertEquals(1, sink.endCount.get());
    }

    @Test
    void loopingStartsOverWithTimesThatKeepGrowing() throws Exception {
        Path wav = WavFiles.write(dir.resolve("loop.wav"), 8_000, 1, TestEncoders.tone(8_000, 0.2));
        Collector sink = new Collector(25);
        try (MediaFileReader reader = MediaFileReader.open(wav)) {
            PlaybackPacer pacer = new PlaybackPacer(reader, scheduler, sink, true);
            pacer.start();
            assertTrue(sink.enough.await(10, TimeUnit.SECONDS));
            pacer.stop();
        }
        // 10 frames per round: round 2 and 3 continue at 200 and 400 ms.
        for (int i = 0; i < 25; i++) {
            assertEquals(i * 20_000L, sink.times.get(i), "frame " + i);
        }
        assertEquals(0, sink.endCount.get());
    }

    @Test
    void setPositionJumpsAheadInTheFile() throws Exception {
        Path wav = WavFiles.write(dir.resolve("seek.wav"), 8_000, 1, TestEncoders.tone(8_000, 1));
        Collector sink = new Collector(1);
        try (MediaFileReader reader = MediaFileReader.open(wav)) {
            PlaybackPacer pacer = new PlaybackPacer(reader, scheduler, sink, false);
            pacer.start();
            assertTrue(sink.enough.await(10, TimeUnit.SECONDS));
            pacer.setPosition(800);
            assertTrue(sink.ended.await(10, TimeUnit.SECONDS));
        }
        int jump = sink.times.indexOf(800_000L);
        assertTrue(jump > 0, "frames from 800 ms: " + sink.times);
        assertEquals(10, sink.times.size() - jump, "800..980 ms");
    }

    @Test
    void tracksInterleavedInOneSecondChunksComeOutInterleavedByTime() throws Exception {
        // fragmented MP4 with a moof/mdat per track per second: the file holds 1 s of video, then
        // 1 s of audio, and so on (as MP4 muxers commonly interleave)
        Path mp4 = dir.resolve("chunked.mp4");
        FfprobeReport.Run made = FfprobeReport.run("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=16000",
                "-t", "3", "-c:v", "libx264", "-g", "25", "-c:a", "aac",
                "-movflags", "frag_keyframe+separate_moof+empty_moov", "-frag_duration", "1000000", mp4.toString());
        assertEquals(0, made.exitCode(), made.err());
        Collector sink = new Collector(Integer.MAX_VALUE);
        try (MediaFileReader reader = MediaFileReader.open(mp4)) {
            assertEquals(2, reader.tracks().size(), "an audio and a video track");
            PlaybackPacer pacer = new PlaybackPacer(reader, scheduler, sink, false);
            pacer.start();
            assertTrue(sink.ended.await(20, TimeUnit.SECONDS));
        }
        for (int i = 1; i < sink.times.size(); i++) {
            assertTrue(sink.times.get(i) >= sink.times.get(i - 1),
                    "frame " + i + " at " + sink.times.get(i) + " us after one at " + sink.times.get(i - 1) + " us");
        }
        // within every 200 ms of the timeline both tracks send (file order would give 1 s of one, then of the other)
        for (long from = 0; from < 2_800_000; from += 200_000) {
            java.util.Set<Integer> tracks = new java.util.HashSet<>();
            for (int i = 0; i < sink.times.size(); i++) {
                if (sink.times.get(i) >= from && sink.times.get(i) < from + 200_000) {
                    tracks.add(sink.tracks.get(i));
                }
            }
            assertEquals(2, tracks.size(), "tracks sending in [" + from + ", +200 ms)");
        }
    }

    private static final class Collector implements PlaybackSink {
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        final List<Integer> tracks = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch enough;
        final AtomicInteger endCount = new AtomicInteger();
        final int wanted;

        Collector(int wanted) {
            this.wanted = wanted;
            this.enough = new CountDownLatch(1);
        }

        @Override
        public void frame(FileFrame frame) {
            arrivals.add(System.nanoTime());
            times.add(frame.timeUs());
            tracks.add(frame.track().index());
            if (times.size() >= wanted) {
                enough.countDown();
            }
        }

        @Override
        public void endOfStream() {
            endCount.incrementAndGet();
            ended.countDown();
        }

        @Override
        public void failed(MediaFileException error) {
            throw new AssertionError(error);
        }
    }
}
