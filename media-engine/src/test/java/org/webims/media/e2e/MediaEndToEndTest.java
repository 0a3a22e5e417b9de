package org.webims.media.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.Tones;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.endpoint.recorder.RecorderEndpoint;
import org.webims.media.endpoint.recorder.RecordingProfile;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.filter.PassThrough;
import org.webims.media.node.MediaNode;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PacketSinkElement;
import org.webims.media.pipeline.PacketSourceElement;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.pipeline.event.MediaTranscodingStateChanged;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.rtp.payload.vp8.Vp8Packetizer;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transcode.Paced;
import org.webims.media.video.I420Picture;
import org.webims.media.video.MovingTestPattern;
import org.webims.media.video.Psnr;

/**
 * One call through the full RTP path on loopback, as the gateway carries it: a web peer
 * (RtpEndpoint, Opus + VP8) calls the gateway's web-side RtpEndpoint; the gateway's IMS-side
 * RtpEndpoint (AMR-WB + H.264) talks to an IMS peer (RtpEndpoint) that echoes everything back.
 * The web peer sends a 1 kHz tone and a moving test pattern, live-encoded, and decodes what
 * returns after Opus -> AMR-WB -> Opus and VP8 -> H.264 -> VP8. The gateway records each leg.
 * The call runs once (3 s of media); each test checks one aspect of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaEndToEndTest {

    static final MediaFormat OPUS = MediaFormat.audio("opus", 48_000, 2);
    static final MediaFormat VP8 = MediaFormat.video("VP8");
    static final int AUDIO_FRAMES = 150; // 3 s of 20 ms
    static final int VIDEO_FRAMES = 90; // 3 s at 30 fps
    static final int WIDTH = 640;
    static final int HEIGHT = 360;

    static final RtpEndpointSettings WEB = RtpEndpointSettings.defaults()
            .withAudioCodecs(List.of(CodecCapability.of("opus", 48_000, 2).withParameter("minptime", "10")))
            .withVideoCodecs(List.of(CodecCapability.of("VP8", 90_000)
                    .withFeedback(RtpEndpointSettings.VIDEO_FEEDBACK.toArray(String[]::new))));
    static final RtpEndpointSettings IMS = RtpEndpointSettings.defaults()
            .withAudioCodecs(List.of(CodecCapability.of("AMR-WB", 16_000)))
            .withVideoCodecs(List.of(CodecCapability.of("H264", 90_000).withParameter("profile-level-id", "42e01f")
                    .withParameter("packetization-mode", "1")
                    .withFeedback(RtpEndpointSettings.VIDEO_FEEDBACK.toArray(String[]::new))));

    @TempDir
    static Path dir;

    CodecFormatAdapterFactory factory;
    MediaNode node;
    RtpEndpoint gatewayWeb;
    RtpEndpoint gatewayIms;
    RtpEndpoint webPeer;
    RtpEndpoint imsPeer;
    PacketSinkElement webReceived;
    PacketSinkElement imsReceived;
    Path webLeg;
    Path imsLeg;
    final List<MediaEvent> gatewayEvents = new CopyOnWriteArrayList<>();
    final List<MediaEvent> peerEvents = new CopyOnWriteArrayList<>();

    @BeforeAll
    void call() throws Exception {
        factory = new CodecFormatAdapterFactory();
        node = LoopbackMediaNode.start(factory, 1, 100);
        RtpEndpointContext context = RtpEndpointContext.of(node);

        MediaPipeline gateway = node.engine().createPipeline();
        gateway.addEventListener(gatewayEvents::add);
        gatewayWeb = new RtpEndpoint(gateway, context, WEB);
        gatewayIms = new RtpEndpoint(gateway, context, IMS);
        gatewayWeb.connect(gatewayIms);
        gatewayIms.connect(gatewayWeb);
        webLeg = dir.resolve("web-leg.webm");
        imsLeg = dir.resolve("ims-leg.mp4");
        RecorderEndpoint webRecorder = new RecorderEndpoint(gateway, webLeg, RecordingProfile.WEBM);
        RecorderEndpoint imsRecorder = new RecorderEndpoint(gateway, imsLeg, RecordingProfile.MP4);
        gatewayWeb.connect(webRecorder);
        gatewayIms.connect(imsRecorder);

        MediaPipeline webSide = node.engine().createPipeline();
        webSide.addEventListener(peerEvents::add);
        webPeer = new RtpEndpoint(webSide, context, WEB);
        PacketSourceElement audioIn = new PacketSourceElement(webSide);
        PacketSourceElement videoIn = new PacketSourceElement(webSide);
        audioIn.connect(webPeer, MediaType.AUDIO);
        videoIn.connect(webPeer, MediaType.VIDEO);
        webReceived = new PacketSinkElement(webSide, List.of());
        webPeer.connect(webReceived);

        MediaPipeline imsSide = node.engine().createPipeline();
        imsSide.addEventListener(peerEvents::add);
        imsPeer = new RtpEndpoint(imsSide, context, IMS);
        PassThrough echo = new PassThrough(imsSide);
        imsPeer.connect(echo);
        echo.connect(imsPeer);
        imsReceived = new PacketSinkElement(imsSide, List.of());
        imsPeer.connect(imsReceived);

        webPeer.processAnswer(gatewayWeb.processOffer(webPeer.generateOffer()));
        gatewayIms.processAnswer(imsPeer.processOffer(gatewayIms.generateOffer()));
        webRecorder.record();
        imsRecorder.record();

        List<byte[]> tone = opusTone();
        Thread audio = new Thread(() -> Paced.run(AUDIO_FRAMES, 20, i -> {
            byte[] p = tone.get(i);
            audioIn.send(OPUS, p, p.length, 960L * i, i, i == 0);
        }), "e2e-web-audio");
        Throwable[] videoFailure = {null};
        Thread video = new Thread(() -> {
            try {
                sendPattern(videoIn);
            } catch (Throwable t) {
                videoFailure[0] = t;
            }
        }, "e2e-web-video");
        audio.start();
        video.start();
        audio.join();
        video.join();
        if (videoFailure[0] != null) {
            throw new AssertionError("sending video", videoFailure[0]);
        }
        settle(webReceived);
        webRecorder.stopAndWait();
        imsRecorder.stopAndWait();
    }

    @AfterAll
    void hangUp() {
        if (node != null) {
            node.close();
        }
        if (factory != null) {
            factory.close();
        }
    }

    /** The tone, Opus-encoded as a browser would send it: 20 ms packets, -20 dBFS, 1 kHz. */
    static List<byte[]> opusTone() throws Exception {
        short[] pcm = Tones.sine(1000, -20, 48_000, AUDIO_FRAMES * 960);
        List<byte[]> out = new ArrayList<>();
        try (OpusEncoder enc = AudioCodecs.get().newOpusEncoder()) {
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < AUDIO_FRAMES; f++) {
                out.add(java.util.Arrays.copyOf(buf, enc.encode(pcm, f * 960, buf, 0, buf.length)));
            }
        }
        return out;
    }

    /** The moving pattern, VP8-encoded live at 30 fps; a key frame request (PLI) gets a key frame, as from a browser. */
    static void sendPattern(PacketSourceElement videoIn) throws Exception {
        MovingTestPattern pattern = new MovingTestPattern(WIDTH, HEIGHT);
        I420Picture picture = I420Picture.allocate(WIDTH, HEIGHT);
        EncodedVideoFrame frame = new EncodedVideoFrame(256 * 1024);
        Vp8Packetizer packetizer = new Vp8Packetizer(1200, true, 1);
        byte[] payload = new byte[1200];
        int[] seq = {0};
        int[] answered = {0};
        try (VideoEncoder enc = VideoCodecs.encoder(VideoEncoderConfig.vp8(WIDTH, HEIGHT, 2_000_000))) {
            Paced.run(VIDEO_FRAMES, 33, n -> {
                int asked = videoIn.keyframeRequests.get();
                if (asked > answered[0]) {
                    answered[0] = asked;
                    enc.requestKeyFrame();
                }
                pattern.draw(picture, n);
                try {
                    assertTrue(enc.encode(picture, frame), "VP8 frame " + n);
                } catch (org.webims.media.codec.VideoCodecException e) {
                    throw new AssertionError(e);
                }
                assertTrue(packetizer.setFrame(frame.data(), 0, frame.length()));
                while (packetizer.hasNext()) {
                    int len = packetizer.next(payload, 0);
                    videoIn.send(VP8, payload, len, 3000L * n, seq[0]++, packetizer.marker());
                }
            });
        }
    }

    /** Waits until nothing more comes back (the transcoders' queues are drained), at most 10 s. */
    static void settle(PacketSinkElement sink) {
        int[] last = {-1};
        long[] stableSince = {System.nanoTime()};
        Paced.await(10_000, () -> {
            int now = sink.received.size();
            if (now != last[0]) {
                last[0] = now;
                stableSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stableSince[0] > 500_000_000L;
        });
    }

    /**
     * A 1 kHz tone at -20 dBFS, skipping the first 10 frames (codec and filter start-up), read from
     * at least 2 s of the tone's 3: Opus and AMR-WB each keep a steady tone within about 0.5 dB and the FIR
     * resampler is flat at 1 kHz; three codec generations and two resamplings stay within ±2 dB,
     * while a gain, byte-order or rate fault is 6 dB or far worse. Zero crossings over 2 s give
     * the frequency to ±10 Hz; a wrong sample rate moves it by a third or three times.
     */
    static void assertTone(short[] pcm, int rate, String what) {
        int frame = rate / 50;
        int from = 10 * frame;
        // no longer than the tone sent: after it the AMR-WB leg carries comfort noise (SID frames,
        // decision 0019), which the echo brings back as Opus too
        int to = Math.min(pcm.length, AUDIO_FRAMES * frame) - frame;
        assertTrue(to - from >= 2 * rate, what + ": at least 2 s of audio, got " + pcm.length + " samples");
        double level = Tones.db(Tones.goertzelAmplitude(pcm, from, to, 1000, rate), Tones.amplitude(-20));
        assertEquals(0, level, 2.0, what + ": 1 kHz level against the -20 dBFS input, dB");
        assertEquals(1000, Tones.zeroCrossingHz(pcm, from, to, rate), 10, what + ": frequency from zero crossings");
    }

    @Test
    void opusToneReturnsFromTheAmrWbLegAtTheSameFrequencyAndLevel() throws Exception {
        List<PacketSinkElement.Received> back = ReceivedMedia.of(webReceived, MediaType.AUDIO);
        // loopback loses nothing; the transcoders start on their first packet, so at most their
        // jitter-buffer delay and the echo's round trip are missing at the start
        assertTrue(back.size() >= AUDIO_FRAMES * 9 / 10, "Opus packets back: " + back.size());
        assertTrue(back.stream().allMatch(p -> p.format().encoding().equals("opus")), "Opus at the web peer");
        assertTone(ReceivedMedia.opus(back), 48_000, "Opus -> AMR-WB -> Opus");
    }

    @Test
    void theImsPeerReceivesTheToneAsAmrWb() throws Exception {
        List<PacketSinkElement.Received> got = ReceivedMedia.of(imsReceived, MediaType.AUDIO);
        assertTrue(got.size() >= AUDIO_FRAMES * 9 / 10, "AMR-WB packets at the IMS peer: " + got.size());
        assertEquals("AMR-WB", got.get(0).format().encoding());
        assertTone(ReceivedMedia.amrWb(got, AmrWbPayloadFormat.BANDWIDTH_EFFICIENT), 16_000, "Opus -> AMR-WB");
    }

    @Test
    void vp8PatternReturnsFromTheH264LegAtFullSizeResemblingTheSource() throws Exception {
        List<PacketSinkElement.Received> back = ReceivedMedia.of(webReceived, MediaType.VIDEO);
        assertTrue(back.stream().allMatch(p -> p.format().encoding().equals("VP8")), "VP8 at the web peer");
        MovingTestPattern pattern = new MovingTestPattern(WIDTH, HEIGHT);
        I420Picture reference = I420Picture.allocate(WIDTH, HEIGHT);
        List<Double> psnr = new ArrayList<>();
        long[] first = {-1, 0}; // timestamp of the first picture, its pattern frame
        int failed = ReceivedMedia.video(back, VideoCodecType.VP8, (picture, ts) -> {
            assertEquals(WIDTH, picture.width(), "width");
            assertEquals(HEIGHT, picture.height(), "height");
            if (first[0] < 0) {
                first[0] = ts;
                first[1] = bestMatch(pattern, reference, picture);
            }
            // the gateway keeps the source's frame timing: 3000 ticks of 90 kHz a frame at 30 fps
            int n = (int) (first[1] + Math.round(((ts - first[0]) & 0xFFFFFFFFL) / 3000.0));
            pattern.draw(reference, n);
            psnr.add(Psnr.luma(reference, picture));
        });
        assertEquals(0, failed, "frames that did not decode after the first key frame");
        assertTrue(psnr.size() >= VIDEO_FRAMES * 2 / 3, "pictures back: " + psnr.size());
        double mean = psnr.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double worst = psnr.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        // Three generations (VP8 at 2 Mbit/s, H.264 and VP8 at the gateway's call rates) on this
        // smooth pattern measured about 42 dB mean, 40 dB worst here; the one-transcode bound of
        // VideoTranscodingTest (32 / 28 dB, "good" video) still holds with room, while a wrong
        // frame, a shift by a few pixels or swapped planes falls below 20 dB
        assertTrue(mean > 32, "mean luma PSNR " + mean);
        assertTrue(worst > 28, "worst luma PSNR " + worst);
    }

    /** The pattern frame most like {@code picture} (the frame a stream starts at is not known in advance). */
    static int bestMatch(MovingTestPattern pattern, I420Picture reference, I420Picture picture) {
        int best = 0;
        double bestPsnr = -1;
        for (int n = 0; n < VIDEO_FRAMES; n++) {
            pattern.draw(reference, n);
            double p = Psnr.luma(reference, picture);
            if (p > bestPsnr) {
                bestPsnr = p;
                best = n;
            }
        }
        return best;
    }

    @Test
    void theImsPeerReceivesH264AtTheSourceSize() throws Exception {
        List<PacketSinkElement.Received> got = ReceivedMedia.of(imsReceived, MediaType.VIDEO);
        assertTrue(got.stream().allMatch(p -> p.format().encoding().equals("H264")), "H.264 at the IMS peer");
        int[] pictures = {0};
        int failed = ReceivedMedia.video(got, VideoCodecType.H264, (picture, ts) -> {
            assertEquals(WIDTH, picture.width());
            assertEquals(HEIGHT, picture.height());
            pictures[0]++;
        });
        assertEquals(0, failed, "H.264 frames that did not decode after the first IDR");
        assertTrue(pictures[0] >= VIDEO_FRAMES * 2 / 3, "H.264 pictures: " + pictures[0]);
    }

    @Test
    void theGatewayReportsTranscodingOnEachCrossingLinkAndThePeersNone() {
        List<String> seen = gatewayEvents.stream().filter(e -> e instanceof MediaTranscodingStateChanged)
                .map(e -> (MediaTranscodingStateChanged) e).filter(MediaTranscodingStateChanged::transcoding)
                .map(e -> (e.element() == gatewayWeb ? "web" : e.element() == gatewayIms ? "ims" : e.element().id())
                        + " " + e.mediaType() + " " + e.from().encoding() + "->" + e.to().encoding())
                .sorted().toList();
        assertEquals(List.of("ims AUDIO AMR-WB->opus", "ims VIDEO H264->VP8", "web AUDIO opus->AMR-WB",
                "web VIDEO VP8->H264"), seen);
        assertTrue(peerEvents.stream().noneMatch(e -> e instanceof MediaTranscodingStateChanged),
                "the peers relay what they negotiated: " + peerEvents);
    }

    @Test
    void theWebLegIsRecordedAsWebmAndTheImsLegAsMp4BothPlayable() {
        FfprobeReport web = FfprobeReport.of(webLeg);
        assertEquals("opus", web.stream("audio").codecName());
        assertEquals("vp8", web.stream("video").codecName());
        assertEquals(WIDTH, web.stream("video").width());
        assertEquals("", FfprobeReport.decode(webLeg).err().trim(), "the WebM decodes cleanly");
        FfprobeReport ims = FfprobeReport.of(imsLeg);
        assertEquals("amr_wb", ims.stream("audio").codecName());
        assertEquals("h264", ims.stream("video").codecName());
        assertEquals(HEIGHT, ims.stream("video").height());
        assertEquals("", FfprobeReport.decode(imsLeg).err().trim(), "the MP4 decodes cleanly");
        // 3 s were sent; frame times follow RTP timestamps, so only frames before the first key
        // frame (at most a keyframe-request round trip, well under 0.5 s) may be missing
        assertEquals(3.0, web.durationSeconds(), 0.5, "web leg duration");
        assertEquals(3.0, ims.durationSeconds(), 0.5, "IMS leg duration");
    }
}
