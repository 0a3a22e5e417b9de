package org.webims.media.endpoint.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.endpoint.EndpointEvents;
import org.webims.media.endpoint.UriEndpointState;
import org.webims.media.filetest.TestEncoders;
import org.webims.media.filetest.TestMediaFiles;
import org.webims.media.filetest.WavFiles;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PacketSinkElement;
import org.webims.media.pipeline.PacketSinkElement.Received;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.rtp.payload.vp8.Vp8Descriptor;

/** A PlayerEndpoint playing real files into a packet sink, in real time. */
class PlayerEndpointTest {

    private static final MediaFormat OPUS = MediaFormat.audio("opus", 48_000, 2);
    private static final MediaFormat VP8 = MediaFormat.video("VP8");

    @TempDir
    static Path dir;
    private static Path webm;
    private static Path mp4;

    private MediaEngine engine;
    private MediaPipeline pipeline;

    @BeforeAll
    static void writeFiles() throws Exception {
        webm = TestMediaFiles.webm(dir.resolve("clip.webm"), 2);
        mp4 = TestMediaFiles.mp4(dir.resolve("clip.mp4"), 2);
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
    void playsOpusAndVp8PayloadsWithContinuousTimestampsKeyframeFlagsAndEndOfStream() {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, webm);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS, VP8));
        player.connect(sink);
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.await("EndOfStream", 1);
        assertEquals(UriEndpointState.STOP, player.getState());

        List<Received> audio = of(sink, MediaType.AUDIO);
        List<Received> video = of(sink, MediaType.VIDEO);
        assertTrue(audio.size() >= 95, "2 s of 20 ms Opus packets, got " + audio.size());
        audio.forEach(p -> assertEquals(OPUS, p.format()));
        video.forEach(p -> assertEquals(VP8, p.format()));
        assertContinuous(audio, 960, "Opus");
        // Video: one timestamp per frame, 3600 ticks apart at 25 fps; the marker ends each frame.
        List<Received> frameStarts = new ArrayList<>();
        for (int i = 0; i < video.size(); i++) {
            if (i == 0 || video.get(i - 1).marker()) {
                frameStarts.add(video.get(i));
            }
        }
        assertEquals(2 * TestEncoders.FPS, frameStarts.size(), "VP8 frames");
        assertContinuous(frameStarts, 3600, "VP8");
        assertSequential(video);
        // Key frames at 0 s and 1 s: flagged on their first packet, and really key frames.
        List<Integer> keyframes = new ArrayList<>();
        for (int i = 0; i < video.size(); i++) {
            Received p = video.get(i);
            if (p.keyframe()) {
                keyframes.add(frameStarts.indexOf(p));
                assertTrue(Vp8Descriptor.isKeyFrame(p.payload(), 0, p.payload().length), "flag on a key frame");
            }
        }
        assertEquals(List.of(0, TestEncoders.FPS), keyframes);
    }

    @Test
    void playsH264InModeOneAndAmrWbOctetAligned() {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, mp4);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of());
        player.connect(sink);
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.await("EndOfStream", 1);
        List<Received> audio = of(sink, MediaType.AUDIO);
        List<Received> video = of(sink, MediaType.VIDEO);
        assertEquals(MediaFormat.of(MediaType.AUDIO, "AMR-WB", 16_000, 1, Map.of("octet-align", "1")),
                audio.get(0).format());
        assertEquals(MediaFormat.of(MediaType.VIDEO, "H264", 90_000, 1, Map.of("packetization-mode", "1")),
                video.get(0).format());
        // The fixture's first AMR-WB frame sits 15 ms early (the encoder's delay); then 20 ms steps.
        assertContinuous(audio.subList(1, audio.size()), 320, "AMR-WB");
        // RFC 4867 §4.4.1: the octet-aligned payload starts with a CMR byte then a ToC byte.
        assertEquals(0xF0, audio.get(0).payload()[0] & 0xFF, "CMR 15, no mode request");
        assertTrue(video.get(0).keyframe(), "the file starts on an IDR");
        assertSequential(video);
    }

    @Test
    void wavPlaysAsL16PacketsAtTheFileRate() throws Exception {
        short[] tone = TestEncoders.tone(16_000, 1);
        Path wav = WavFiles.write(dir.resolve("tone.wav"), 16_000, 1, tone);
        PlayerEndpoint player = new PlayerEndpoint(pipeline, wav);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of());
        player.connect(sink);
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.await("EndOfStream", 1);
        List<Received> audio = of(sink, MediaType.AUDIO);
        assertEquals(50, audio.size(), "1 s in 20 ms packets");
        audio.forEach(p -> assertEquals(MediaFormat.pcm(16_000), p.format()));
        audio.forEach(p -> assertEquals(640, p.payload().length, "320 samples of 16 bits"));
        assertContinuous(audio, 320, "L16");
        byte[] first = audio.get(0).payload();
        for (int i = 0; i < 320; i++) {
            short s = (short) ((first[2 * i] << 8) | (first[2 * i + 1] & 0xFF));
            assertEquals(tone[i], s, "big-endian sample " + i);
        }
        assertTrue(of(sink, MediaType.VIDEO).isEmpty());
    }

    @Test
    void loopingStartsOverWithTimestampsGoingOn() throws Exception {
        Path wav = WavFiles.write(dir.resolve("short.wav"), 8_000, 1, TestEncoders.tone(8_000, 0.4));
        PlayerEndpoint player = new PlayerEndpoint(pipeline, wav, true);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of());
        player.connect(sink);
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.until(() -> sink.received.size() >= 50, "two and a half rounds of a 0.4 s file");
        player.stop();
        assertEquals(0, events.count("EndOfStream"));
        assertContinuous(of(sink, MediaType.AUDIO).subList(0, 50), 160, "looped L16");
    }

    @Test
    void seekingKeepsTimestampsGoingForward() throws Exception {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, webm);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS, VP8));
        player.connect(sink);
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.until(() -> player.getPosition() >= 300, "some playback");
        player.setPosition(1000);
        events.await("EndOfStream", 1);
        List<Received> audio = of(sink, MediaType.AUDIO);
        assertTrue(audio.size() < 95, "a second was skipped: " + audio.size() + " packets");
        for (int i = 1; i < audio.size(); i++) {
            long step = (audio.get(i).timestamp() - audio.get(i - 1).timestamp()) & 0xFFFFFFFFL;
            assertTrue(step > 0 && step < 48_000, "timestamp step " + step + " at " + i);
        }
        assertSequential(audio);
        List<Received> video = of(sink, MediaType.VIDEO);
        long keyframes = video.stream().filter(Received::keyframe).count();
        assertEquals(2, keyframes, "the start, then the key frame at 1 s the seek went to");
    }

    @Test
    void pauseStopsPacketsAndPlayResumes() {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, webm);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS, VP8));
        player.connect(sink);
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.until(() -> sink.received.size() >= 20, "some packets");
        player.pause();
        assertEquals(UriEndpointState.PAUSE, player.getState());
        int atPause = sink.received.size();
        long position = player.getPosition();
        events.until(() -> events.count("UriEndpointStateChanged") >= 2, "state events");
        assertEquals(atPause, sink.received.size(), "nothing sent while paused");
        assertEquals(position, player.getPosition());
        player.play();
        events.await("EndOfStream", 1);
        assertContinuous(of(sink, MediaType.AUDIO), 960, "Opus across the pause");
    }

    @Test
    void videoInfoGivesTheDurationAndSeekability() throws Exception {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, "file://" + webm.toAbsolutePath());
        VideoInfo info = player.getVideoInfo();
        assertTrue(info.isSeekable());
        assertTrue(Math.abs(info.duration() - 2000) <= 100, "duration " + info.duration());
        assertEquals(info.duration(), info.seekableEnd());
    }

    @Test
    void missingFileGivesAnErrorEventNotAnException() {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, dir.resolve("nothing-here.webm"));
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.await("Error", 1);
        MediaErrorEvent error = events.firstError();
        assertEquals("RESOURCE_ERROR_OPEN", error.errorType());
        assertTrue(error.description().contains("nothing-here.webm"), error.description());
        assertEquals(UriEndpointState.STOP, player.getState());
    }

    @Test
    void fileThatIsNoMediaGivesAnErrorEvent() throws Exception {
        Path junk = Files.write(dir.resolve("junk.webm"), "this is not a media file at all".repeat(40).getBytes());
        PlayerEndpoint player = new PlayerEndpoint(pipeline, junk);
        EndpointEvents events = EndpointEvents.of(player);
        player.play();
        events.await("Error", 1);
        MediaErrorEvent error = events.firstError();
        assertTrue(error.errorType().startsWith("STREAM_ERROR_"), error.errorType());
        assertFalse(player.getState() == UriEndpointState.START);
    }

    @Test
    void keyframeRequestsAreCountedNotServed() throws Exception {
        PlayerEndpoint player = new PlayerEndpoint(pipeline, webm);
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS, VP8));
        player.connect(sink);
        sink.sinkPad(MediaType.VIDEO).requestKeyframe();
        assertEquals(1, player.keyframeRequests());
    }

    private static List<Received> of(PacketSinkElement sink, MediaType type) {
        return sink.received.stream().filter(p -> p.format().type() == type).toList();
    }

    private static void assertContinuous(List<Received> packets, long step, String what) {
        assertFalse(packets.isEmpty(), "no " + what + " packets");
        for (int i = 1; i < packets.size(); i++) {
            long d = (packets.get(i).timestamp() - packets.get(i - 1).timestamp()) & 0xFFFFFFFFL;
            assertEquals(step, d, what + " timestamp step at packet " + i);
        }
    }

    private static void assertSequential(List<Received> packets) {
        for (int i = 1; i < packets.size(); i++) {
            assertEquals((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF, packets.get(i).sequenceNumber(),
                    "sequence at packet " + i);
            assertEquals(packets.get(0).ssrc(), packets.get(i).ssrc(), "one SSRC");
        }
    }
}
