package org.webims.media.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.filetest.EncodedFrame;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.filetest.FrameFeeder;
import org.webims.media.filetest.RecordingEvents;
import org.webims.media.filetest.TestEncoders;

/** Files written from real encoded frames, checked with Debian's ffprobe and ffmpeg. */
class MediaFileWriterTest {

    private static final double SECONDS = 5.0;
    private static final long END = 5_000_000;
    private static final WriterSettings ROOMY = WriterSettings.defaults().withQueueCapacity(1024);

    private static List<EncodedFrame> opus;
    private static List<EncodedFrame> amrWb;
    private static List<EncodedFrame> vp8;
    private static List<EncodedFrame> h264;

    @TempDir
    Path dir;

    @BeforeAll
    static void encode() {
        opus = TestEncoders.opus(8);
        amrWb = TestEncoders.amrWb(8);
        vp8 = TestEncoders.vp8(8);
        h264 = TestEncoders.h264(8);
    }

    @Test
    void writesWebmWithOpusAndVp8() throws Exception {
        Path file = record("call.webm", ContainerProfile.WEBM, List.of(TrackSpec.opus(1), TrackSpec.vp8()), opus, vp8);
        assertPlayableFile(file, "opus", "vp8");
    }

    @Test
    void writesMp4WithH264AndAmrWb() throws Exception {
        Path file = record("call.mp4", ContainerProfile.MP4, List.of(TrackSpec.h264(), TrackSpec.amrWb()), amrWb, h264);
        assertPlayableFile(file, "amr_wb", "h264");
    }

    @Test
    void writesMp4WithH264AndAacEncodedFromPcm() throws Exception {
        Path file = dir.resolve("aac.mp4");
        RecordingEvents events = new RecordingEvents();
        MediaFileWriter writer = new MediaFileWriter(file, ContainerProfile.MP4,
                List.of(TrackSpec.h264(), TrackSpec.aacFromPcm(16_000, 1)), events, ROOMY);
        writer.start();
        FrameFeeder.feedPcm(writer, TestEncoders.tone(16_000, 8), 16_000, h264, 0, END);
        assertTrue(writer.stopAndWait(Duration.ofSeconds(30)));
        assertNull(events.failure, events.failures.toString());
        assertPlayableFile(file, "aac", "h264");
    }

    @Test
    void writesMkvWithH264AndAmrWb() throws Exception {
        Path file = record("call.mkv", ContainerProfile.MKV, List.of(TrackSpec.amrWb(), TrackSpec.h264()), amrWb, h264);
        assertPlayableFile(file, "amr_wb", "h264");
    }

    @Test
    void writesMkvWithVp8AndOpus() throws Exception {
        Path file = record("vp8.mkv", ContainerProfile.MKV, List.of(TrackSpec.opus(1), TrackSpec.vp8()), opus, vp8);
        assertPlayableFile(file, "opus", "vp8");
    }

    @Test
    void writesAudioOnlyWebm() throws Exception {
        Path file = record("audio.webm", ContainerProfile.WEBM, List.of(TrackSpec.opus(1)), opus, null);
        FfprobeReport probe = FfprobeReport.of(file);
        assertEquals(1, probe.streams().size(), probe.streams().toString());
        assertEquals("opus", probe.stream("audio").codecName());
        assertEquals(SECONDS, probe.durationSeconds(), 0.3);
        assertDecodesCleanly(file);
        assertFalse(FfprobeReport.framesFrom(file, "a", 3).isEmpty(), "frames after seeking to 3 s");
    }

    @Test
    void writesVideoOnlyMp4() throws Exception {
        Path file = record("video.mp4", ContainerProfile.MP4, List.of(TrackSpec.h264()), null, h264);
        FfprobeReport probe = FfprobeReport.of(file);
        assertEquals(1, probe.streams().size(), probe.streams().toString());
        assertEquals(TestEncoders.WIDTH, probe.stream("video").width());
        assertEquals(SECONDS, probe.durationSeconds(), 0.3);
        assertDecodesCleanly(file);
    }

    @Test
    void startsTheFileAtTheFirstVideoKeyframe() throws Exception {
        Path file = dir.resolve("late.webm");
        RecordingEvents events = new RecordingEvents();
        MediaFileWriter writer = new MediaFileWriter(file, ContainerProfile.WEBM,
                List.of(TrackSpec.opus(1), TrackSpec.vp8()), events, ROOMY);
        writer.start();
        // Video joins 0.2 s in, mid-GOP: the next keyframe is at 1 s, the file holds 1..5 s.
        FrameFeeder.feed(writer, opus, null, 0, 200_000);
        FrameFeeder.feed(writer, opus, vp8, 200_000, END);
        assertTrue(writer.stopAndWait(Duration.ofSeconds(30)));
        assertEquals(4.0, FfprobeReport.of(file).durationSeconds(), 0.3);
        assertTrue(events.keyframeRequests >= 1, "asked for a keyframe while waiting");
        assertDecodesCleanly(file);
    }

    @Test
    void pauseCutsThePausedTimeOutOfTheFile() throws Exception {
        Path file = dir.resolve("paused.webm");
        RecordingEvents events = new RecordingEvents();
        MediaFileWriter writer = new MediaFileWriter(file, ContainerProfile.WEBM,
                List.of(TrackSpec.opus(1), TrackSpec.vp8()), events, ROOMY);
        writer.start();
        FrameFeeder.feed(writer, opus, vp8, 0, 3_000_000);
        writer.pause();
        assertEquals(RecordingState.PAUSED, writer.state());
        assertEquals(0, FrameFeeder.feed(writer, opus, vp8, 3_000_000, 5_000_000), "frames taken while paused");
        writer.resume();
        FrameFeeder.feed(writer, opus, vp8, 5_000_000, 7_000_000);
        assertTrue(writer.stopAndWait(Duration.ofSeconds(30)));
        // 7 s of media with 2 s paused: a 5 s file.
        assertEquals(5.0, FfprobeReport.of(file).durationSeconds(), 0.3);
        assertEquals(List.of(RecordingState.RECORDING, RecordingState.PAUSED, RecordingState.RECORDING,
                RecordingState.STOPPED), events.states);
        assertDecodesCleanly(file);
    }

    @Test
    void missingFolderIsReportedToTheListenerNotThrown() throws Exception {
        Path file = dir.resolve("no-such-folder").resolve("call.webm");
        RecordingEvents events = new RecordingEvents();
        MediaFileWriter writer = new MediaFileWriter(file, ContainerProfile.WEBM,
                List.of(TrackSpec.opus(1), TrackSpec.vp8()), events, ROOMY);
        writer.start();
        FrameFeeder.feed(writer, opus, vp8, 0, 1_000_000);
        assertTrue(writer.stopAndWait(Duration.ofSeconds(30)));
        assertEquals(RecordingFailure.FOLDER_MISSING, events.failure);
        assertTrue(events.failures.get(0).contains("no-such-folder"), events.failures.toString());
        assertEquals(List.of(RecordingState.STOPPED), events.states);
        assertEquals(RecordingState.STOPPED, writer.state());
        assertFalse(writer.writeAudio(opus.get(0).data(), 0, opus.get(0).data().length, 0), "frames after failure");
    }

    @Test
    void fullDiskIsReportedAndStopsTheRecording() throws Exception {
        // /dev/full fails every write with ENOSPC: a disk that is full.
        RecordingEvents events = new RecordingEvents();
        MediaFileWriter writer = new MediaFileWriter(Path.of("/dev/full"), ContainerProfile.WEBM,
                List.of(TrackSpec.opus(1), TrackSpec.vp8()), events, ROOMY);
        writer.start();
        FrameFeeder.feed(writer, opus, vp8, 0, END);
        assertTrue(writer.stopAndWait(Duration.ofSeconds(30)));
        assertEquals(RecordingFailure.DISK_FULL, events.failure, events.failures.toString());
        assertEquals(RecordingState.STOPPED, events.states.get(events.states.size() - 1));
    }

    @Test
    void fullQueueDropsAndCountsFramesInsteadOfBlocking() throws Exception {
        Path file = dir.resolve("tiny-queue.webm");
        RecordingEvents events = new RecordingEvents();
        MediaFileWriter writer = new MediaFileWriter(file, ContainerProfile.WEBM,
                List.of(TrackSpec.opus(1), TrackSpec.vp8()), events, WriterSettings.defaults().withQueueCapacity(2));
        writer.start();
        int offered = 0;
        int queued = 0;
        for (EncodedFrame f : opus) {
            offered++;
            queued += writer.writeAudio(f.data(), 0, f.data().length, f.timeUs()) ? 1 : 0;
        }
        assertTrue(writer.stopAndWait(Duration.ofSeconds(30)));
        assertEquals(offered - queued, writer.droppedFrames());
    }

    private Path record(String name, ContainerProfile profile, List<TrackSpec> tracks,
                        List<EncodedFrame> audio, List<EncodedFrame> video) throws Exception {
        Path file = dir.resolve(name);
        RecordingEvents events = new RecordingEvents();
        MediaFileWriter writer = new MediaFileWriter(file, profile, tracks, events, ROOMY);
        writer.start();
        int queued = FrameFeeder.feed(writer, audio, video, 0, END);
        assertTrue(writer.stopAndWait(Duration.ofSeconds(30)), "closed in time");
        assertNull(events.failure, events.failures.toString());
        assertEquals(0, writer.droppedFrames());
        assertTrue(writer.writtenFrames() > 0 && writer.writtenFrames() <= queued);
        assertEquals(List.of(RecordingState.RECORDING, RecordingState.STOPPED), events.states);
        assertTrue(Files.size(file) > 0);
        return file;
    }

    private static void assertPlayableFile(Path file, String audioCodec, String videoCodec) {
        FfprobeReport probe = FfprobeReport.of(file);
        assertEquals(audioCodec, probe.stream("audio").codecName());
        FfprobeReport.Stream video = probe.stream("video");
        assertEquals(videoCodec, video.codecName());
        assertEquals(TestEncoders.WIDTH, video.width());
        assertEquals(TestEncoders.HEIGHT, video.height());
        assertEquals(SECONDS, probe.durationSeconds(), 0.3, "duration of " + file);
        assertDecodesCleanly(file);
        assertFalse(FfprobeReport.framesFrom(file, "v", 3).isEmpty(), "video frames after seeking to 3 s");
        FfprobeReport.Run seek = FfprobeReport.run("ffmpeg", "-nostdin", "-v", "error", "-ss", "3", "-i",
                file.toString(), "-frames:v", "1", "-f", "null", "-");
        assertEquals(0, seek.exitCode(), seek.err());
    }

    static void assertDecodesCleanly(Path file) {
        FfprobeReport.Run run = FfprobeReport.decode(file);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err().strip(), "decoding " + file);
    }
}
