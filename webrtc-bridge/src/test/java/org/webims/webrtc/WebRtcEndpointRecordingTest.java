package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.endpoint.recorder.RecorderEndpoint;
import org.webims.media.endpoint.recorder.Recording;
import org.webims.media.endpoint.recorder.RecordingProfile;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.webrtc.browser.HeadlessChromium;

/** A browser's camera and microphone through a WebRtcEndpoint into a RecorderEndpoint, checked with ffprobe. */
class WebRtcEndpointRecordingTest {

    static final Duration RECORDING = Duration.ofSeconds(5);

    @TempDir
    Path out;
    BrowserBed bed;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        bed = new BrowserBed(FormatAdapterFactory.NONE);
    }

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void browserOpusAndVp8AreRecordedIntoAPlayableWebm() throws Exception {
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline);
        Path file = out.resolve("browser.webm");
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, RecordingProfile.WEBM);
        endpoint.connect(recorder);
        bed.connectBrowser(endpoint);
        assertTrue(BrowserBed.eventually(() -> endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 20
                && endpoint.sourcePad(MediaType.AUDIO).counters().packets() > 20), "the browser's media arrives");

        recorder.record();
        bed.awaitEvent(Recording.class, e -> e.element() == recorder);
        long started = System.nanoTime();
        BrowserBed.sleep(RECORDING);
        assertTrue(recorder.stopAndWait(Duration.ofSeconds(60)), "the file was finalized");
        double recordedSeconds = (System.nanoTime() - started) / 1e9;

        FfprobeReport report = FfprobeReport.of(file);
        assertEquals("opus", report.stream("audio").codecName(), report.streams().toString());
        assertEquals("vp8", report.stream("video").codecName(), report.streams().toString());
        // The file starts at the first keyframe after record(), which our PLI asks the browser for.
        assertEquals(recordedSeconds, report.durationSeconds(), 1.0, "file as long as the recording");
        DecodedMedia decoded = DecodedMedia.of(file);
        assertTrue(decoded.meanVolumeDb() > -60, "the fake microphone's beep is in the file: " + decoded);
        assertEquals(640, decoded.width(), "the fake camera's size: " + decoded);
        assertEquals(480, decoded.height(), "the fake camera's size: " + decoded);
        assertTrue(decoded.videoFrames() >= 25, "frames decode: " + decoded);
        assertEquals(0, endpoint.mediaStats().droppedUnprotect(), "every SRTP packet authenticated");
    }
}
