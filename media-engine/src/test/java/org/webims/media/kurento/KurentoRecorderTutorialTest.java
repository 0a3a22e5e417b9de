package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kurento.client.EndOfStreamEvent;
import org.kurento.client.ErrorEvent;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaProfileSpecType;
import org.kurento.client.PlayerEndpoint;
import org.kurento.client.RecorderEndpoint;
import org.kurento.client.RecordingEvent;
import org.kurento.client.StoppedEvent;
import org.kurento.client.UriEndpointState;
import org.kurento.client.UriEndpointStateChangedEvent;
import org.kurento.client.VideoInfo;
import org.kurento.client.internal.server.KurentoServerException;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.filetest.TestMediaFiles;

/** Kurento's recorder tutorial flow, PlayerEndpoint into RecorderEndpoint, driven by the stock kurento-client. */
class KurentoRecorderTutorialTest {

    @TempDir
    static Path dir;
    static Path clip;

    KurentoNodeFixture fixture;

    @BeforeAll
    static void writeClip() throws Exception {
        clip = TestMediaFiles.webm(dir.resolve("clip.webm"), 2);
    }

    @BeforeEach
    void start() throws Exception {
        fixture = new KurentoNodeFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void playerIntoWebmRecorderMakesAFileFfprobeReadsAsVp8AndOpus() throws Exception {
        Path out = dir.resolve("recorded.webm");
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(pipeline, clip.toUri().toString()).build();
        RecorderEndpoint recorder = new RecorderEndpoint.Builder(pipeline, out.toUri().toString())
                .withMediaProfile(MediaProfileSpecType.WEBM).build();
        BlockingQueue<EndOfStreamEvent> ends = new LinkedBlockingQueue<>();
        BlockingQueue<RecordingEvent> recording = new LinkedBlockingQueue<>();
        BlockingQueue<StoppedEvent> stopped = new LinkedBlockingQueue<>();
        BlockingQueue<ErrorEvent> errors = new LinkedBlockingQueue<>();
        player.addEndOfStreamListener(ends::add);
        player.addErrorListener(errors::add);
        recorder.addRecordingListener(recording::add);
        recorder.addStoppedListener(stopped::add);
        recorder.addErrorListener(errors::add);
        player.connect(recorder);

        recorder.record();
        assertNotNull(recording.poll(30, TimeUnit.SECONDS), "Recording event");
        assertEquals(UriEndpointState.START, recorder.getState());
        player.play();
        EndOfStreamEvent end = ends.poll(60, TimeUnit.SECONDS);
        assertNotNull(end, "the player reached the end of the clip; errors: " + errors);
        assertEquals(player.getId(), end.getSource().getId());
        recorder.stopAndWait();
        assertNotNull(stopped.poll(30, TimeUnit.SECONDS), "Stopped event after stopAndWait");
        assertTrue(errors.isEmpty(), "no Error events: " + errors);

        assertTrue(Files.size(out) > 0);
        FfprobeReport report = FfprobeReport.of(out);
        assertEquals("vp8", report.stream("video").codecName(), report.streams().toString());
        assertEquals("opus", report.stream("audio").codecName(), report.streams().toString());
        assertTrue(report.durationSeconds() > 1.0, "most of the 2 s clip was recorded: " + report.durationSeconds());
        assertEquals(0, FfprobeReport.decode(out).exitCode(), "the file decodes cleanly");
        assertEquals(out.toUri().toString(), recorder.getUri());
    }

    @Test
    void recorderBuiltToStopOnEndOfStreamStopsWhenThePlayerEnds() throws Exception {
        Path out = dir.resolve("until-end.webm");
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(pipeline, clip.toUri().toString()).build();
        RecorderEndpoint recorder = new RecorderEndpoint.Builder(pipeline, out.toUri().toString())
                .withMediaProfile(MediaProfileSpecType.WEBM).stopOnEndOfStream().build();
        BlockingQueue<StoppedEvent> stopped = new LinkedBlockingQueue<>();
        recorder.addStoppedListener(stopped::add);
        player.connect(recorder);
        recorder.record();
        player.play();
        assertNotNull(stopped.poll(60, TimeUnit.SECONDS), "Stopped without a stop from the client");
        assertEquals(UriEndpointState.STOP, recorder.getState());
        assertEquals("vp8", FfprobeReport.of(out).stream("video").codecName());
    }

    @Test
    void playerReportsItsFileAndStateAndRaisesStateChanges() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(pipeline, clip.toUri().toString()).build();
        BlockingQueue<UriEndpointStateChangedEvent> states = new LinkedBlockingQueue<>();
        player.addUriEndpointStateChangedListener(states::add);
        VideoInfo info = player.getVideoInfo();
        assertTrue(info.getIsSeekable());
        assertTrue(info.getDuration() >= 1900 && info.getDuration() <= 2100, "2 s clip: " + info.getDuration());
        assertEquals(UriEndpointState.STOP, player.getState());
        player.play();
        UriEndpointStateChangedEvent started = states.poll(30, TimeUnit.SECONDS);
        assertNotNull(started);
        assertEquals(UriEndpointState.START, started.getState());
        player.pause();
        assertEquals(UriEndpointState.PAUSE, player.getState());
        player.setPosition(1000);
        assertTrue(player.getPosition() >= 0);
        player.stop();
        assertEquals(UriEndpointState.STOP, player.getState());
        assertEquals(clip.toUri().toString(), player.getUri());
    }

    @Test
    void recorderRefusesAProfileTheEngineCannotWrite() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        KurentoServerException e = assertThrows(KurentoServerException.class,
                () -> new RecorderEndpoint.Builder(pipeline, dir.resolve("x.jpg").toUri().toString())
                        .withMediaProfile(MediaProfileSpecType.JPEG_VIDEO_ONLY).build());
        assertEquals(40107, e.getCode());
        assertTrue(e.getMessage().contains("JPEG_VIDEO_ONLY"), e.getMessage());
    }

    @Test
    void playerOfAMissingFileRaisesAnError() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(pipeline, dir.resolve("none.webm").toUri().toString()).build();
        BlockingQueue<ErrorEvent> errors = new LinkedBlockingQueue<>();
        player.addErrorListener(errors::add);
        player.play();
        ErrorEvent error = errors.poll(30, TimeUnit.SECONDS);
        assertNotNull(error, "Error event for a missing file");
        assertEquals(player.getId(), error.getSource().getId());
    }
}
