package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transcode.LiveVideoSender;

/**
 * TMMBR honoured end to end (RFC 5104 §4.2.1): a phone on UDP receiving our H.264, transcoded from
 * a VP8 camera at 360p, asks for at most 150 kbit/s; what it then receives keeps to that, at a
 * lower size, and every frame still decodes.
 */
class RtpEndpointTmmbrVideoTest {

    static final long LIMIT = 150_000;

    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;

    RtpEndpointTmmbrVideoTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        adapters.close();
    }

    @Test
    void aPhonesTmmbrHoldsTheTranscodedH264ItReceivesAndEveryFrameStillDecodes() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint ims = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        TestSource camera = new TestSource(pipeline);
        camera.connect(ims, MediaType.VIDEO);
        UdpPeer phone = fx.peer();
        ims.processOffer(phone.sdp("video", "RTP/AVPF", "96", "rtpmap:96 H264/90000",
                "fmtp:96 packetization-mode=1;profile-level-id=42e01f", "rtcp-fb:96 ccm tmmbr", "rtcp-fb:96 nack pli"));
        List<byte[]> received = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        phone.rtp.setSoTimeout(300);
        Thread reader = new Thread(() -> { // read as it comes: 7 s of video overflow a socket's buffer
            try {
                byte[] d;
                while ((d = UdpPeer.receive(phone.rtp)) != null || !done.get()) {
                    if (d != null) {
                        received.add(d);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "phone");
        reader.start();
        int rtcpPort = ims.localRtpPort(MediaType.VIDEO) + 1;
        MediaFormat vp8 = MediaFormat.video("VP8");
        LiveVideoSender.send(vp8, 640, 360, 210, camera.keyframeRequests::get, (n, k) -> false, n -> {
            if (n == 30) {
                try {
                    RtpPacket first = new RtpPacket();
                    assertTrue(first.wrap(received.get(0), 0, received.get(0).length), "H.264 reached the phone");
                    byte[] tmmbr = new byte[20];
                    int len = RtcpWriter.writeTmmbr(tmmbr, 0, 1234, new int[] {first.ssrc()}, new long[] {LIMIT},
                            new int[] {40}, 1);
                    UdpPeer.send(phone.rtcp, tmmbr, len, rtcpPort);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, (payload, len, ts, seq, marker) -> camera.send(vp8, payload, len, seq, ts, 5, marker));
        done.set(true);
        reader.join(5000);

        H264Depacketizer depacketizer = new H264Depacketizer(1 << 21);
        RtpPacket rtp = new RtpPacket();
        long[] ts0 = {-1};
        long[] bytes = {0};
        int[] frames = {0};
        int[] smallest = {Integer.MAX_VALUE};
        try (VideoDecoder dec = VideoCodecs.decoder(VideoCodecType.H264)) {
            for (byte[] d : received) {
                assertTrue(rtp.wrap(d, 0, d.length));
                depacketizer.push(rtp, (data, off, len, ts, flags) -> {
                    ts0[0] = ts0[0] < 0 ? ts : ts0[0];
                    long n = ((ts - ts0[0]) & 0xFFFFFFFFL) / 3000;
                    assertEquals(VideoDecoder.Status.PICTURE, dec.decode(data, off, len, ts), "frame " + n + " decodes");
                    if (n >= 75 && n < 195) { // 4 s from 1.5 s after the request
                        bytes[0] += len;
                        frames[0]++;
                        smallest[0] = Math.min(smallest[0], dec.picture().width() * dec.picture().height());
                    }
                });
            }
        }
        double bps = bytes[0] * 8 / 4.0;
        String report = String.format("%.0f bit/s in %d frames, smallest picture %d pixels", bps, frames[0], smallest[0]);
        System.out.println("TMMBR 150 kbit/s over UDP: " + report);
        // the dropper's bound (decision 0073): 4.5 s of the limit and a frame, under 1.3x for frames of ~1.4 kB
        assertTrue(bps <= 1.3 * LIMIT, report);
        assertTrue(bps >= 0.3 * LIMIT, "the limit is used: " + report);
        assertEquals(320 * 180, smallest[0], "halved under 300 kbit/s: " + report);
    }
}
