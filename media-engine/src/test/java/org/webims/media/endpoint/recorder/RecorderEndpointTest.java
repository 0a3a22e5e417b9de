package org.webims.media.endpoint.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.endpoint.EndpointEvents;
import org.webims.media.endpoint.UriEndpointState;
import org.webims.media.endpoint.player.PlayerEndpoint;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.filetest.TestEncoders;
import org.webims.media.filetest.TestMediaFiles;
import org.webims.media.filetest.WavFiles;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaErrorEvent;

/** A RecorderEndpoint fed by a PlayerEndpoint playing real files, checked with ffprobe. */
class RecorderEndpointTest {

    @TempDir
    static Path files;
    private static Path webm;
    private static Path mp4;

    @TempDir
    Path out;
    private MediaEngine engine;
    private MediaPipeline pipeline;

    @BeforeAll
    static void writeFiles() throws Exception {
        webm = TestMediaFiles.webm(files.resolve("clip.webm"), 3);
        mp4 = TestMediaFiles.mp4(files.resolve("clip.mp4"), 3);
    }

    @BeforeEach
    void startEngine() {
        engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
        pipeline = engine.createPipeline();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void webmPlayedIntoAWebmRecorderGivesOpusAndVp8OfTheSameDuration() {
        Path file = out.resolve("round.webm");
        playInto(webm, file, RecordingProfile.WEBM);
        FfprobeReport report = FfprobeReport.of(file);
        assertEquals("opus", report.stream("audio").codecName());
        assertEquals("vp8", report.stream("video").codecName());
        assertEquals(TestEncoders.WIDTH, report.stream("video").width());
        assertEquals(3.0, report.durationSeconds(), 0.5);
        assertEquals("", FfprobeReport.decode(file).err().trim(), "decodes cleanly");
    }

    @Test
    void mp4PlayedIntoAnMp4RecorderGivesH264AndAmrWbOfTheSameDuration() {
        Path file = out.resolve("round.mp4");
        playInto(mp4, file, RecordingProfile.MP4);
        FfprobeReport report = FfprobeReport.of(file);
        assertEquals("amr_wb", report.stream("audio").codecName());
        assertEquals("h264", report.stream("video").codecName());
        assertEquals(3.0, report.durationSeconds(), 0.5);
        assertEquals("", FfprobeReport.decode(file).err().trim(), "decodes cleanly");
        assertEquals(null, FfprobeReport.seekFault(file, 1), "seeking to 1 s lands on a key frame");
        // The source file holds a second of video, then that second of audio: audio leaves the
        // player late, yet must land beside its video, not a second after it.
        assertEquals(firstPacketTime(file, "v"), firstPacketTime(file, "a"), 0.1, "audio starts with video");
    }

    private static double firstPacketTime(Path file, String streamType) {
        FfprobeReport.Run run = FfprobeReport.run("ffprobe", "-v", "error", "-select_streams", streamType,
                "-show_entries", "packet=pts_time", "-of", "csv=p=0", file.toString());
        return Double.parseDouble(run.out().lines().findFirst().orElseThrow().replace(",", "").trim());
    }

    @Test
    void audioOnlyProfileTakesOnlyAudio() {
        Path file = out.resolve("audio.webm");
        RecorderEndpoint recorder = playInto(webm, file, RecordingProfile.WEBM_AUDIO_ONLY);
        assertEquals(null, recorder.sinkPad(MediaType.VIDEO));
        FfprobeReport report = FfprobeReport.of(file);
        assertEquals(1, report.streams().size(), report.streams().toString());
        assertEquals("opus", report.stream("audio").codecName());
        assertEquals(3.0, report.durationSeconds(), 0.5);
    }

    @Test
    void wavPlayedIntoAnAacRecorderGivesAac() throws Exception {
        Path wav = WavFiles.write(files.resolve("tone48.wav"), 48_000, 1, TestEncoders.tone(48_000, 2));
        Path file = out.resolve("aac.mp4");
        playInto(wav, file, RecordingProfile.MP4_AAC_AUDIO_ONLY);
        FfprobeReport report = FfprobeReport.of(file);
        assertEquals("aac", report.stream("audio").codecName());
        assertEquals(2.0, report.durationSeconds(), 0.5);
    }

    @Test
    void pauseCutsThePausedTimeOutOfTheFile() {
        Path file = out.resolve("paused.webm");
        PlayerEndpoint player = new PlayerEndpoint(pipeline, webm);
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, RecordingProfile.WEBM);
        player.connect(recorder);
        EndpointEvents playerEvents = EndpointEvents.of(player);
        EndpointEvents events = EndpointEvents.of(recorder);
        recorder.record();
        player.play();
        playerEvents.until(() -> player.getPosition() >= 800, "0.8 s played");
        recorder.pause();
        assertEquals(UriEndpointState.PAUSE, recorder.getState());
        playerEvents.until(() -> player.getPosition() >= 1800, "1.8 s played");
        recorder.record();
        playerEvents.await("EndOfStream", 1);
        recorder.stopAndWait();
        events.await("Stopped", 1);
        assertEquals(List.of("Recording", "Paused", "Recording", "Stopped"),
                events.types().stream().filter(t -> !t.equals("UriEndpointStateChanged")
                        && !t.startsWith("MediaFlow")).toList());
        double duration = FfprobeReport.of(file).durationSeconds();
        // 3 s played, at least the second between pause and resume missing (more: the file
        // resumes on the next key frame).
        assertTrue(duration < 2.2 && duration > 0.5, "duration " + duration);
        assertEquals("", FfprobeReport.decode(file).err().trim(), "decodes cleanly across the cut");
    }

    @Test
    void stopAndWaitReturnsWithAFinalizedSeekableFile() {
        Path file = out.resolve("stopped.webm");
        PlayerEndpoint player = new PlayerEndpoint(pipeline, webm);
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, "file://" + file.toAbsolutePath(),
                RecordingProfile.WEBM);
        player.connect(recorder);
        EndpointEvents playerEvents = EndpointEvents.of(player);
        recorder.record();
        player.play();
        playerEvents.until(() -> player.getPosition() >= 2200, "2.2 s played");
        assertTrue(recorder.stopAndWait(java.time.Duration.ofSeconds(20)));
        assertEquals(UriEndpointState.STOP, recorder.getState());
        FfprobeReport report = FfprobeReport.of(file);
        assertFalse(Double.isNaN(report.durationSeconds()), "the file states its duration");
        assertEquals(2.2, report.durationSeconds(), 0.5);
        assertEquals(null, FfprobeReport.seekFault(file, 1), "seeking to 1 s lands on a key frame");
    }

    @Test
    void missingFolderGivesAnErrorEventAndStopped() {
        Path file = out.resolve("no-such-folder").resolve("rec.webm");
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, RecordingProfile.WEBM);
        EndpointEvents events = EndpointEvents.of(recorder);
        recorder.record();
        events.await("Stopped", 1);
        MediaErrorEvent error = events.firstError();
        assertEquals("RESOURCE_ERROR_OPEN", error.errorType());
        assertTrue(error.description().contains("no-such-folder"), error.description());
        assertEquals(UriEndpointState.STOP, recorder.getState());
        assertFalse(Files.exists(file));
    }

    @Test
    void releaseWhileRecordingKeepsWhatWasRecorded() {
        Path file = out.resolve("released.mp4");
        PlayerEndpoint player = new PlayerEndpoint(pipeline, mp4);
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, RecordingProfile.MP4);
        player.connect(recorder);
        EndpointEvents playerEvents = EndpointEvents.of(player);
        recorder.record();
        player.play();
        playerEvents.until(() -> player.getPosition() >= 1500, "1.5 s played");
        recorder.release();
        assertTrue(recorder.isReleased());
        FfprobeReport report = FfprobeReport.of(file);
        assertEquals("h264", report.stream("video").codecName());
        assertEquals("amr_wb", report.stream("audio").codecName());
        assertEquals(1.5, FfprobeReport.lastPacketEnd(file), 0.5);
    }

    @Test
    void recordingMidStreamAsksTheSourceForAKeyframe() {
        Path file = out.resolve("late.webm");
        PlayerEndpoint player = new PlayerEndpoint(pipeline, webm);
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, RecordingProfile.WEBM);
        player.connect(recorder);
        EndpointEvents playerEvents = EndpointEvents.of(player);
        player.play();
        playerEvents.until(() -> player.getPosition() >= 300, "0.3 s played");
        recorder.record();
        playerEvents.until(() -> player.keyframeRequests() > 0, "a keyframe request at the player");
        playerEvents.await("EndOfStream", 1);
        recorder.stopAndWait();
        // The file starts at the key frame at 1 s: two seconds of it.
        assertEquals(2.0, FfprobeReport.of(file).durationSeconds(), 0.5);
    }

    @Test
    void onlyFileUrisAndPathsAreTaken() {
        assertThrows(IllegalArgumentException.class,
                () -> new RecorderEndpoint(pipeline, "http://example.com/x.webm", RecordingProfile.WEBM));
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, "file:///tmp/x.webm", RecordingProfile.WEBM);
        assertEquals(Path.of("/tmp/x.webm"), recorder.path());
        assertEquals("file:///tmp/x.webm", recorder.getUri());
    }

    /** Plays {@code source} into a recorder of {@code profile} to its end; returns the stopped recorder. */
    private RecorderEndpoint playInto(Path source, Path file, RecordingProfile profile) {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, source);
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, profile);
        player.connect(recorder);
        EndpointEvents playerEvents = EndpointEvents.of(player);
        EndpointEvents events = EndpointEvents.of(recorder);
        recorder.record();
        player.play();
        playerEvents.await("EndOfStream", 1);
        recorder.stopAndWait();
        events.await("Stopped", 1);
        assertEquals(0, events.count("Error"), events.types().toString());
        return recorder;
    }
}
