package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiPredicate;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.rtp.payload.Packetizer;
import org.webims.media.rtp.payload.h264.H264PacketizationMode;
import org.webims.media.rtp.payload.h264.H264Packetizer;
import org.webims.media.rtp.payload.vp8.Vp8Packetizer;
import org.webims.media.video.I420Picture;
import org.webims.media.video.MovingTestPattern;

/**
 * A far end's camera: the moving pattern at 30 fps in real time, encoded live at 2 Mbit/s as VP8,
 * or H.264 in packetization-mode 1 (as an IMS phone sends it), so that, like a browser or phone,
 * it answers a key frame request with a key frame. Timestamps are 90 000 + 3000 a frame.
 */
public final class LiveVideoSender {

    /** Where each RTP payload goes. */
    public interface Out {
        void send(byte[] payload, int length, long timestamp, int seq, boolean marker);
    }

    private LiveVideoSender() {
    }

    /**
     * Sends {@code frames} pictures; {@code keyframeRequests} counts the requests seen so far,
     * {@code drop} names (frame, packet) pairs to leave out, {@code beforeFrame} runs before each.
     */
    public static void send(MediaFormat format, int width, int height, int frames, IntSupplier keyframeRequests,
                            BiPredicate<Integer, Integer> drop, IntConsumer beforeFrame, Out out) throws Exception {
        MovingTestPattern pattern = new MovingTestPattern(width, height);
        I420Picture picture = I420Picture.allocate(width, height);
        EncodedVideoFrame frame = new EncodedVideoFrame(256 * 1024);
        boolean vp8 = format.encoding().equalsIgnoreCase("VP8");
        Packetizer packetizer = vp8 ? new Vp8Packetizer(1200, true, 1)
                : new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1200);
        VideoEncoderConfig config = vp8 ? VideoEncoderConfig.vp8(width, height, 2_000_000)
                : VideoEncoderConfig.h264(width, height, 2_000_000, 31);
        byte[] payload = new byte[1200];
        int[] seq = {1000};
        int[] answered = {0};
        try (VideoEncoder enc = VideoCodecs.encoder(config)) {
            Paced.run(frames, 33, n -> {
                beforeFrame.accept(n);
                int asked = keyframeRequests.getAsInt();
                if (asked > answered[0]) {
                    answered[0] = asked;
                    enc.requestKeyFrame();
                }
                pattern.draw(picture, n);
                try {
                    assertTrue(enc.encode(picture, frame), format.encoding() + " frame " + n);
                } catch (VideoCodecException e) {
                    throw new AssertionError(e);
                }
                assertTrue(packetizer.setFrame(frame.data(), 0, frame.length()));
                for (int k = 0; packetizer.hasNext(); k++) {
                    int len = packetizer.next(payload, 0);
                    int s = seq[0]++;
                    if (!drop.test(n, k)) {
                        out.send(payload, len, 90_000L + n * 3000L, s, packetizer.marker());
                    }
                }
            });
        }
    }
}
