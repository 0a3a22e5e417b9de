package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.payload.h264.H264PacketizationMode;
import org.webims.media.rtp.payload.h264.H264Packetizer;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transcode.RecordingFactory;
import org.webims.media.video.I420Picture;
import org.webims.media.video.MovingTestPattern;

/**
 * Issue 4's malformed input through the real path: an IMS peer's H.264 over UDP into an RtpEndpoint
 * and on through the H.264 -> VP8 transcoder, with one FU-A fragment cut down to its indicator.
 */
class RtpEndpointMalformedVideoTest {

    static final int PT = 97;

    final CodecFormatAdapterFactory codecs = new CodecFormatAdapterFactory();
    final RecordingFactory adapters = new RecordingFactory(codecs);
    final MediaFixture fx;

    RtpEndpointMalformedVideoTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        codecs.close();
    }

    @Test
    void aTruncatedFuAFromThePeerIsDroppedAndCountedAndTheNextKeyframeIsTranscoded() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint ims = fx.endpoint(pipeline, RtpEndpointSettings.defaults().withOfferedMedia(false, true));
        TestSink web = new TestSink(pipeline);
        web.sinkPad(MediaType.VIDEO).setAcceptedFormats(List.of(MediaFormat.video("VP8")));
        ims.connect(web, MediaType.VIDEO);
        UdpPeer phone = fx.peer();
        ims.processOffer(phone.sdp("video", "RTP/AVPF", Integer.toString(PT), "rtpmap:97 H264/90000",
                "fmtp:97 profile-level-id=42e01f;packetization-mode=1"));
        int port = ims.localRtpPort(MediaType.VIDEO);

        MovingTestPattern pattern = new MovingTestPattern(640, 360);
        I420Picture picture = I420Picture.allocate(640, 360);
        EncodedVideoFrame frame = new EncodedVideoFrame(256 * 1024);
        H264Packetizer packetizer = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1000);
        RtpHeaderWriter header = new RtpHeaderWriter();
        byte[] payload = new byte[1000];
        int seq = 1;
        int truncated = 0;
        try (VideoEncoder enc = VideoCodecs.encoder(VideoEncoderConfig.h264(640, 360, 800_000, 31))) {
            for (int n = 0; n < 45; n++) {
                if (n == 20) {
                    enc.requestKeyFrame(); // what the transcoder's PLI would get from a real phone
                }
                pattern.draw(picture, n);
                assertTrue(enc.encode(picture, frame), "H.264 frame " + n);
                assertTrue(packetizer.setFrame(frame.data(), 0, frame.length()));
                for (int k = 0; packetizer.hasNext(); k++) {
                    int len = packetizer.next(payload, 0);
                    boolean fuA = (payload[0] & 0x1F) == 28;
                    if (n == 0 && k == 1 && fuA) {
                        len = 1; // the FU indicator alone: no FU header, no data
                        truncated++;
                    }
                    byte[] p = UdpPeer.rtpPacket(header, PT, seq++, 9000L + 3000L * n, 0x1234, packetizer.marker(),
                            java.util.Arrays.copyOf(payload, len), 0);
                    UdpPeer.send(phone.rtp, p, p.length, port);
                }
                Thread.sleep(33);
            }
        }
        assertEquals(1, truncated, "the first key frame went as FU-A fragments");
        MediaFixture.await("VP8 after the next key frame", () -> web.received.stream().anyMatch(TestSink.Received::keyframe));
        Map<String, Long> c = CodecFormatAdapterFactory.counters(adapters.last());
        assertTrue(c.get("depacketize.faults") >= 1, "the truncated FU-A is counted: " + c);
        assertEquals(0L, c.get("failures"), "and nothing threw: " + c);
        assertTrue(c.get("decode.pictures") >= 20, "the stream decodes from the next key frame on: " + c);
        assertEquals(0L, fx.loop.handlerFailures());
    }
}
