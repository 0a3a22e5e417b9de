package org.webims.media.codec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.codec.h264.H264Nal;
import org.webims.media.codec.vp8.Vp8Frame;
import org.webims.media.video.I420Picture;
import org.webims.media.video.MovingTestPattern;
import org.webims.media.video.Psnr;
import org.webims.media.video.VideoScaler;

/**
 * Real encoders of both back-ends against FFmpeg's decoders: what one encodes, the other
 * implementation decodes to the right size and close to the source.
 */
class VideoCodecRoundTripTest {

    /**
     * At 2.5 Mbit/s for 360p and 6 Mbit/s for 720p (30 fps), about three times what a video call
     * spends, both encoders reproduce this smooth pattern at 45..56 dB luma PSNR here (worst frame
     * after rate control settles); 38 dB leaves room for encoder tuning while a wrong plane,
     * stride, size or a smeared reference (all under 20 dB) still fails.
     */
    private static final double MIN_PSNR_DB = 38.0;

    @BeforeAll
    static void systemLibrariesArePresent() {
        // bin/setup installs them; without them half of this suite would prove nothing
        assertTrue(SystemVideoLibraries.available(), SystemVideoLibraries.problem());
    }

    static Stream<Arguments> encoders() {
        List<Arguments> cases = new ArrayList<>();
        for (VideoBackend backend : VideoBackend.values()) {
            for (VideoCodecType codec : VideoCodecType.values()) {
                cases.add(Arguments.of(backend, codec, 640, 360));
                cases.add(Arguments.of(backend, codec, 1280, 720));
            }
        }
        return cases.stream();
    }

    static VideoEncoderConfig generous(VideoCodecType codec, int width, int height) {
        int bitrate = width >= 1280 ? 6_000_000 : 2_500_000;
        return codec == VideoCodecType.VP8 ? VideoEncoderConfig.vp8(width, height, bitrate)
                : VideoEncoderConfig.h264(width, height, bitrate, 31);
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("encoders")
    void decodedPicturesMatchTheSourceInSizeAndQuality(VideoBackend backend, VideoCodecType codec, int width, int height)
            throws VideoCodecException {
        MovingTestPattern pattern = new MovingTestPattern(width, height);
        I420Picture source = I420Picture.allocate(width, height);
        EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
        double worst = Double.MAX_VALUE;
        try (VideoEncoder encoder = VideoCodecs.encoder(generous(codec, width, height), backend);
                VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            for (int n = 0; n < 45; n++) {
                pattern.draw(source, n);
                assertTrue(encoder.encode(source, encoded), "frame " + n + " encoded");
                assertEquals(n == 0, encoded.keyFrame(), "only the first frame is a key frame, frame " + n);
                VideoDecoder.Status status = decoder.decode(encoded.data(), 0, encoded.length(), source.timestamp());
                assertEquals(VideoDecoder.Status.PICTURE, status, "frame " + n);
                I420Picture decoded = decoder.picture();
                assertEquals(width, decoded.width());
                assertEquals(height, decoded.height());
                if (n >= 15) { // after the rate control settled
                    worst = Math.min(worst, Psnr.luma(source, decoded));
                }
            }
        }
        assertTrue(worst > MIN_PSNR_DB, encoderName(backend, codec) + " worst luma PSNR " + worst + " dB");
    }

    private static String encoderName(VideoBackend backend, VideoCodecType codec) {
        return backend + " " + codec;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndCodecs")
    void forcedKeyFrameIsAKeyFrameInTheBitstream(VideoBackend backend, VideoCodecType codec) throws VideoCodecException {
        MovingTestPattern pattern = new MovingTestPattern(640, 360);
        I420Picture source = I420Picture.allocate(640, 360);
        EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
        try (VideoEncoder encoder = VideoCodecs.encoder(generous(codec, 640, 360), backend)) {
            for (int n = 0; n < 10; n++) {
                if (n == 7) {
                    encoder.requestKeyFrame();
                }
                pattern.next(source);
                assertTrue(encoder.encode(source, encoded));
                boolean bitstreamKey = codec == VideoCodecType.VP8
                        ? Vp8Frame.isKeyFrame(encoded.data(), 0, encoded.length())
                        : H264Nal.containsIdr(encoded.data(), 0, encoded.length());
                boolean expected = n == 0 || n == 7;
                assertEquals(expected, bitstreamKey, "frame " + n + " key in the bitstream");
                assertEquals(expected, encoded.keyFrame(), "frame " + n + " reported key");
                if (codec == VideoCodecType.H264 && expected) {
                    // a receiver joining on this key frame needs the parameter sets with it
                    assertTrue(H264Nal.findNal(encoded.data(), 0, encoded.length(), H264Nal.TYPE_SPS) >= 0);
                    assertTrue(H264Nal.findNal(encoded.data(), 0, encoded.length(), H264Nal.TYPE_PPS) >= 0);
                }
            }
        }
    }

    static Stream<Arguments> backendsAndCodecs() {
        List<Arguments> cases = new ArrayList<>();
        for (VideoBackend backend : VideoBackend.values()) {
            for (VideoCodecType codec : VideoCodecType.values()) {
                cases.add(Arguments.of(backend, codec));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndCodecs")
    void lowerTargetBitrateGivesSmallerFrames(VideoBackend backend, VideoCodecType codec) throws VideoCodecException {
        MovingTestPattern pattern = new MovingTestPattern(640, 360);
        I420Picture source = I420Picture.allocate(640, 360);
        EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
        try (VideoEncoder encoder = VideoCodecs.encoder(generous(codec, 640, 360).withBitrate(2_000_000), backend)) {
            long high = 0;
            for (int n = 0; n < 60; n++) {
                pattern.next(source);
                encoder.encode(source, encoded);
                if (n >= 30) {
                    high += encoded.length();
                }
            }
            encoder.setTargetBitrate(300_000);
            assertEquals(300_000, encoder.targetBitrate());
            long low = 0;
            for (int n = 0; n < 60; n++) {
                pattern.next(source);
                encoder.encode(source, encoded);
                if (n >= 30) {
                    low += encoded.length();
                }
            }
            assertTrue(low * 2 < high, "30 frames at 300 kbit/s: " + low + " bytes, at 2 Mbit/s: " + high);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoBackend.class)
    void h264SpsDeclaresConstrainedBaselineAtTheAskedLevel(VideoBackend backend) throws VideoCodecException {
        for (int level : new int[] {30, 31}) {
            try (VideoEncoder encoder = VideoCodecs.encoder(VideoEncoderConfig.h264(640, 360, 800_000, level), backend)) {
                EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
                I420Picture source = I420Picture.allocate(640, 360);
                new MovingTestPattern(640, 360).next(source);
                assertTrue(encoder.encode(source, encoded));
                int sps = H264Nal.findNal(encoded.data(), 0, encoded.length(), H264Nal.TYPE_SPS);
                assertTrue(sps >= 0, "SPS in the first access unit");
                assertEquals(66, H264Nal.spsProfileIdc(encoded.data(), sps));
                assertTrue(H264Nal.isConstrainedBaseline(encoded.data(), sps),
                        "constraint_set1 in flags " + Integer.toHexString(H264Nal.spsConstraintFlags(encoded.data(), sps)));
                assertEquals(level, H264Nal.spsLevelIdc(encoded.data(), sps));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VideoBackend.class)
    void h264LevelTooSmallFor720pScalesThePicturesDown(VideoBackend backend) throws VideoCodecException {
        MovingTestPattern pattern = new MovingTestPattern(1280, 720);
        I420Picture source = I420Picture.allocate(1280, 720);
        EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
        // level 3.0: 1620 macroblocks a frame, 720p has 3600
        try (VideoEncoder encoder = VideoCodecs.encoder(VideoEncoderConfig.h264(1280, 720, 2_500_000, 30), backend);
                VideoDecoder decoder = VideoCodecs.decoder(VideoCodecType.H264)) {
            int w = encoder.width();
            int h = encoder.height();
            assertTrue(w < 1280 && h < 720, "coded size " + w + "x" + h);
            assertTrue(((w + 15) / 16) * ((h + 15) / 16) <= 1620, "fits level 3.0: " + w + "x" + h);
            assertEquals(16.0 / 9, (double) w / h, 0.02, "aspect kept");
            I420Picture expected = I420Picture.allocate(w, h);
            double worst = Double.MAX_VALUE;
            try (VideoScaler scaler = new VideoScaler(1280, 720, w, h)) {
                for (int n = 0; n < 30; n++) {
                    pattern.draw(source, n);
                    assertTrue(encoder.encode(source, encoded));
                    assertEquals(VideoDecoder.Status.PICTURE, decoder.decode(encoded.data(), 0, encoded.length(), n));
                    assertEquals(w, decoder.picture().width());
                    assertEquals(h, decoder.picture().height());
                    if (n >= 15) {
                        scaler.scale(source, expected);
                        worst = Math.min(worst, Psnr.luma(expected, decoder.picture()));
                    }
                }
            }
            assertTrue(worst > MIN_PSNR_DB, "worst luma PSNR " + worst);
            int sps = H264Nal.findNal(encoded.data(), 0, encoded.length(), H264Nal.TYPE_SPS);
            assertTrue(sps < 0 || H264Nal.spsLevelIdc(encoded.data(), sps) == 30);
        }
    }

    @Test
    void h264SlicesStayUnderTheMaximumNalSize() throws VideoCodecException {
        MovingTestPattern pattern = new MovingTestPattern(1280, 720);
        I420Picture source = I420Picture.allocate(1280, 720);
        EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
        VideoEncoderConfig config = VideoEncoderConfig.h264(1280, 720, 2_000_000, 31).withMaxNalBytes(1100);
        try (VideoEncoder encoder = VideoCodecs.encoder(config, VideoBackend.SYSTEM);
                VideoDecoder decoder = VideoCodecs.decoder(VideoCodecType.H264)) {
            for (int n = 0; n < 10; n++) {
                pattern.next(source);
                assertTrue(encoder.encode(source, encoded));
                int slices = 0;
                byte[] data = encoded.data();
                int nal = H264Nal.nextNal(data, 0, encoded.length());
                while (nal >= 0) {
                    int end = H264Nal.nalEnd(data, nal, encoded.length());
                    assertTrue(end - nal <= 1100, "NAL of " + (end - nal) + " bytes in frame " + n);
                    int type = H264Nal.type(data, nal);
                    if (type == H264Nal.TYPE_IDR || type == H264Nal.TYPE_NON_IDR) {
                        slices++;
                    }
                    nal = H264Nal.nextNal(data, end, encoded.length());
                }
                assertTrue(n > 0 || slices > 1, "the key frame is cut into several slices");
                assertEquals(VideoDecoder.Status.PICTURE, decoder.decode(data, 0, encoded.length(), n));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void corruptAccessUnitAsksForAKeyFrameAndRecoversOnOne(VideoCodecType codec) throws VideoCodecException {
        MovingTestPattern pattern = new MovingTestPattern(640, 360);
        I420Picture source = I420Picture.allocate(640, 360);
        EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
        try (VideoEncoder encoder = VideoCodecs.encoder(generous(codec, 640, 360));
                VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            pattern.next(source);
            encoder.encode(source, encoded);
            assertEquals(VideoDecoder.Status.PICTURE, decoder.decode(encoded.data(), 0, encoded.length(), 0));

            pattern.next(source);
            encoder.encode(source, encoded);
            byte[] damaged = java.util.Arrays.copyOf(encoded.data(), encoded.length());
            java.util.Random random = new java.util.Random(7);
            int keep = codec == VideoCodecType.VP8 ? 3 : 6; // the frame tag / start code and NAL header survive
            for (int i = keep; i < damaged.length; i++) {
                damaged[i] = (byte) random.nextInt(256);
            }
            assertEquals(VideoDecoder.Status.KEYFRAME_NEEDED, decoder.decode(damaged, 0, damaged.length, 1));

            pattern.next(source);
            encoder.encode(source, encoded);
            assertFalse(encoded.keyFrame());
            assertEquals(VideoDecoder.Status.KEYFRAME_NEEDED, decoder.decode(encoded.data(), 0, encoded.length(), 2),
                    "delta frames are dropped until a key frame");

            encoder.requestKeyFrame();
            pattern.next(source);
            encoder.encode(source, encoded);
            assertEquals(VideoDecoder.Status.PICTURE, decoder.decode(encoded.data(), 0, encoded.length(), 3));
            assertTrue(Psnr.luma(source, decoder.picture()) > 25);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void garbageAndEmptyInputAskForAKeyFrame(VideoCodecType codec) throws VideoCodecException {
        try (VideoEncoder encoder = VideoCodecs.encoder(generous(codec, 320, 180));
                VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            I420Picture source = I420Picture.allocate(320, 180);
            new MovingTestPattern(320, 180).next(source);
            EncodedVideoFrame encoded = new EncodedVideoFrame(64 * 1024);
            encoder.encode(source, encoded);
            assertEquals(VideoDecoder.Status.PICTURE, decoder.decode(encoded.data(), 0, encoded.length(), 0));
            byte[] garbage = new byte[500];
            new java.util.Random(3).nextBytes(garbage);
            assertEquals(VideoDecoder.Status.KEYFRAME_NEEDED, decoder.decode(garbage, 0, garbage.length, 0));
            assertEquals(VideoDecoder.Status.KEYFRAME_NEEDED, decoder.decode(garbage, 0, 0, 0));
            assertEquals(VideoDecoder.Status.KEYFRAME_NEEDED, decoder.decode(garbage, 490, 20, 0));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndCodecs")
    void closingTwiceIsSafeAndUseAfterCloseIsRefused(VideoBackend backend, VideoCodecType codec) throws VideoCodecException {
        VideoEncoder encoder = VideoCodecs.encoder(generous(codec, 640, 360), backend);
        VideoDecoder decoder = VideoCodecs.decoder(codec);
        encoder.close();
        encoder.close();
        decoder.close();
        decoder.close();
        I420Picture source = I420Picture.allocate(640, 360);
        assertThrows(VideoCodecException.class, () -> encoder.encode(source, new EncodedVideoFrame(1024)));
        assertEquals(VideoDecoder.Status.KEYFRAME_NEEDED, decoder.decode(new byte[10], 0, 10, 0));
    }
}
