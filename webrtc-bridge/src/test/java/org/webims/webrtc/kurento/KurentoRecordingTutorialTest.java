package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.MEDIA_WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kurento.client.EndOfStreamEvent;
import org.kurento.client.ErrorEvent;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaProfileSpecType;
import org.kurento.client.PausedEvent;
import org.kurento.client.PlayerEndpoint;
import org.kurento.client.RecorderEndpoint;
import org.kurento.client.RecordingEvent;
import org.kurento.client.StoppedEvent;
import org.kurento.client.UriEndpointState;
import org.kurento.client.WebRtcEndpoint;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.kurento.KurentoServerSettings;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.browser.PeerPageServer;

/**
 * Kurento's hello-world-recording tutorial with the stock kurento-client and a headless
 * Chromium: the browser's media loops back through its WebRtcEndpoint while a RecorderEndpoint
 * records it (record, pause, record again, stopAndWait, with their Recording, Paused and
 * Stopped events); then a PlayerEndpoint plays the file to the browser until EndOfStream.
 */
class KurentoRecordingTutorialTest {

    @TempDir
    Path dir;
    MediaNodeServer node;
    KurentoClient client;
    PeerPageServer page;
    HeadlessChromium chrome;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        node = MediaNodeServer.start(MediaNodeSettings.loopback(KurentoWebRtcEndpointTest.freeRange(40)),
                KurentoServerSettings.defaults().withPort(0).withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(500)));
        client = KurentoClient.create(node.uri().toString());
        page = new PeerPageServer();
        chrome = new HeadlessChromium(page.url());
    }

    @AfterEach
    void stop() {
        if (chrome != null) {
            chrome.close();
        }
        if (page != null) {
            page.close();
        }
        if (client != null) {
            client.destroy();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void browserMediaRecordedWithAPauseThenPlayedBackToTheBrowserUntilEndOfStream() throws Exception {
        Path file = dir.resolve("hello-world-recording.webm");
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
        RecorderEndpoint recorder = new RecorderEndpoint.Builder(pipeline, file.toUri().toString())
                .withMediaProfile(MediaProfileSpecType.WEBM).build();
        BlockingQueue<RecordingEvent> recording = new LinkedBlockingQueue<>();
        BlockingQueue<PausedEvent> paused = new LinkedBlockingQueue<>();
        BlockingQueue<StoppedEvent> stopped = new LinkedBlockingQueue<>();
        BlockingQueue<ErrorEvent> errors = new LinkedBlockingQueue<>();
        recorder.addRecordingListener(recording::add);
        recorder.addPausedListener(paused::add);
        recorder.addStoppedListener(stopped::add);
        recorder.addErrorListener(errors::add);
        webRtc.connect(webRtc);
        webRtc.connect(recorder);
        signal(webRtc, chrome.call("makeOffer", true, true, "VP8"));

        recorder.record();
        RecordingEvent started = recording.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(started, "Recording");
        assertEquals(recorder.getId(), started.getSource().getId());
        assertEquals(UriEndpointState.START, recorder.getState());
        // each stage lasts while the browser decodes 30 more looped-back frames (about a second)
        int frames = framesOnceMoreThan(0);
        recorder.pause();
        assertNotNull(paused.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS), "Paused");
        assertEquals(UriEndpointState.PAUSE, recorder.getState());
        frames = framesOnceMoreThan(frames);
        recorder.record();
        assertNotNull(recording.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS), "Recording again after the pause");
        framesOnceMoreThan(frames);
        recorder.stopAndWait();
        assertNotNull(stopped.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS), "Stopped after stopAndWait");
        assertEquals(UriEndpointState.STOP, recorder.getState());
        assertTrue(errors.isEmpty(), "no Error events: " + errors);
        assertTrue(Files.size(file) > 0);
        FfprobeReport report = FfprobeReport.of(file);
        assertEquals("vp8", report.stream("video").codecName(), report.streams().toString());
        assertEquals("opus", report.stream("audio").codecName(), report.streams().toString());
        pipeline.release();

        // the tutorial's play step: the file into a new WebRtcEndpoint towards a new peer connection
        MediaPipeline playback = client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(playback, file.toUri().toString()).build();
        WebRtcEndpoint toBrowser = new WebRtcEndpoint.Builder(playback).build();
        BlockingQueue<EndOfStreamEvent> ended = new LinkedBlockingQueue<>();
        player.addEndOfStreamListener(ended::add);
        player.addErrorListener(errors::add);
        player.connect(toBrowser);
        signal(toBrowser, chrome.call("makeOffer", true, true, "VP8"));
        player.play();
        JsonNode stats = chrome.pollJson("inbound()", s -> s.path("videoFrames").asInt() > 20
                && s.path("audioPackets").asInt() > 50, MEDIA_WAIT);
        assertTrue(stats.path("videoFrames").asInt() > 20, "the browser decoded the recorded video: " + stats);
        assertTrue(stats.path("audioPackets").asInt() > 50, "the browser got the recorded audio: " + stats);
        assertEquals("video/VP8", stats.path("videoCodec").asText());
        EndOfStreamEvent end = ended.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(end, "EndOfStream once the file is played; errors: " + errors);
        assertEquals(player.getId(), end.getSource().getId());
        assertTrue(errors.isEmpty(), "no Error events: " + errors);
        playback.release();
        assertEquals(0, node.kurento().objectCount());
    }

    /** Waits until the browser has decoded more than {@code frames} looped-back frames; their count. */
    private int framesOnceMoreThan(int frames) throws Exception {
        int wanted = frames + 30;
        JsonNode stats = chrome.pollJson("inbound()", s -> s.path("videoFrames").asInt() >= wanted, MEDIA_WAIT);
        assertTrue(stats.path("videoFrames").asInt() >= wanted, "the browser's video loops back: " + stats);
        return stats.path("videoFrames").asInt();
    }

    /** The tutorial's signalling on the peer page: the browser's offer, the endpoint's answer, candidates both ways. */
    private void signal(WebRtcEndpoint endpoint, String offer) throws Exception {
        PeerPageSignalling signalling = new PeerPageSignalling(endpoint);
        chrome.call("acceptAnswer", endpoint.processOffer(offer));
        signalling.connect(chrome);
    }
}
