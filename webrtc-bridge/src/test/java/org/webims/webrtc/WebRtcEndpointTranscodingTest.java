package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.endpoint.player.PlayerEndpoint;
import org.webims.media.endpoint.recorder.RecorderEndpoint;
import org.webims.media.endpoint.recorder.Recording;
import org.webims.media.endpoint.recorder.RecordingProfile;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.filetest.TestEncoders;
import org.webims.media.filetest.TestMediaFiles;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaTranscodingStateChanged;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * The gateway's media path with a real browser: WebRtcEndpoint <-> RtpEndpoint in one pipeline
 * of an engine that transcodes ({@link CodecFormatAdapterFactory}), the RtpEndpoint negotiated
 * with a plain RTP peer that takes only AMR-WB and H.264: a second RtpEndpoint in its own
 * pipeline playing the IMS terminal, fed by a PlayerEndpoint and recording what it receives.
 */
class WebRtcEndpointTranscodingTest {

    static final Duration RECORDING = Duration.ofSeconds(5);
    static final RtpEndpointSettings IMS_TERMINAL = RtpEndpointSettings.defaults()
            .withAudioCodecs(List.of(CodecCapability.of("AMR-WB", 16000)))
            .withVideoCodecs(List.of(CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42e01f")
                    .withParameter("packetization-mode", "1")
                    .withFeedback(RtpEndpointSettings.VIDEO_FEEDBACK.toArray(String[]::new))));

    @TempDir
    Path out;
    CodecFormatAdapterFactory transcoders;
    BrowserBed bed;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        transcoders = new CodecFormatAdapterFactory();
        bed = new BrowserBed(transcoders);
    }

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
        if (transcoders != null) {
            transcoders.close();
        }
    }

    @Test
    void browserVp8AndOpusReachThePlainRtpSideAsH264AndAmrWbAndItsMediaReachesTheBrowser() throws Exception {
        RtpEndpointContext rtp = RtpEndpointContext.of(bed.ports, bed.loop);
        MediaPipeline gateway = bed.pipeline();
        WebRtcEndpoint browserSide = bed.webRtcEndpoint(gateway);
        RtpEndpoint imsSide = new RtpEndpoint(gateway, rtp, RtpEndpointSettings.defaults());
        browserSide.connect(imsSide);
        imsSide.connect(browserSide);

        MediaPipeline terminal = bed.pipeline();
        RtpEndpoint ims = new RtpEndpoint(terminal, rtp, IMS_TERMINAL);
        PlayerEndpoint player = new PlayerEndpoint(terminal,
                TestMediaFiles.mp4(out.resolve("terminal.mp4"), 3), true);
        Path file = out.resolve("received.mp4");
        RecorderEndpoint recorder = new RecorderEndpoint(terminal, file, RecordingProfile.MP4);
        player.connect(ims);
        ims.connect(recorder);

        String answer = imsSide.processOffer(ims.generateOffer());
        ims.processAnswer(answer);
        assertTrue(answer.contains("AMR-WB/16000") && answer.contains("H264/90000") && !answer.contains("opus")
                && !answer.contains("VP8"), "the gateway answers in the terminal's codecs: " + answer);
        player.play();
        bed.connectBrowser(browserSide);

        // Browser -> IMS: VP8 and Opus become H.264 and AMR-WB that a recorder stores and ffmpeg decodes.
        for (MediaType type : MediaType.values()) {
            bed.awaitEvent(MediaTranscodingStateChanged.class,
                    e -> e.element() == browserSide && e.mediaType() == type && e.transcoding());
            bed.awaitEvent(MediaTranscodingStateChanged.class,
                    e -> e.element() == imsSide && e.mediaType() == type && e.transcoding());
        }
        assertTrue(BrowserBed.eventually(() -> ims.sourcePad(MediaType.VIDEO).counters().packets() > 20
                && ims.sourcePad(MediaType.AUDIO).counters().packets() > 50), "transcoded media reaches the terminal");
        recorder.record();
        bed.awaitEvent(Recording.class, e -> e.element() == recorder);
        BrowserBed.sleep(RECORDING);
        assertTrue(recorder.stopAndWait(Duration.ofSeconds(60)), "the file was finalized");
        FfprobeReport report = FfprobeReport.of(file);
        assertEquals("amr_wb", report.stream("audio").codecName(), report.streams().toString());
        assertEquals("h264", report.stream("video").codecName(), report.streams().toString());
        DecodedMedia decoded = DecodedMedia.of(file);
        assertTrue(decoded.meanVolumeDb() > -60, "the browser's beep survived Opus -> AMR-WB: " + decoded);
        assertEquals(640, decoded.width(), "the browser camera's size: " + decoded);
        assertEquals(480, decoded.height(), "the browser camera's size: " + decoded);
        assertTrue(decoded.videoFrames() >= 10, "H.264 frames decode: " + decoded);

        // IMS -> browser: the terminal's H.264 and AMR-WB arrive as VP8 and Opus the browser decodes and plays.
        JsonNode stats = bed.pollBrowser(WebRtcEndpointBrowserTest::flowing);
        assertTrue(stats.path("videoFrames").asInt() > 20, "browser decoded the terminal's video: " + stats);
        assertTrue(stats.path("audioPackets").asInt() > 50, "browser received the terminal's audio: " + stats);
        assertTrue(stats.path("peak").asDouble() > 0.1, "the terminal's tone is audible: " + stats);
        assertEquals("video/VP8", stats.path("videoCodec").asText(), stats.toString());
        assertEquals("audio/opus", stats.path("audioCodec").asText(), stats.toString());
        assertEquals(TestEncoders.WIDTH, stats.path("videoWidth").asInt(), "the terminal's picture size: " + stats);
        assertEquals(TestEncoders.HEIGHT, stats.path("videoHeight").asInt(), "the terminal's picture size: " + stats);
    }
}
