package org.webims.media.codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.codec.h264.H264Level;
import org.webims.media.codec.h264.OpenH264Encoder;
import org.webims.media.codec.video.FfmpegVideoDecoder;
import org.webims.media.codec.video.FfmpegVideoEncoder;
import org.webims.media.codec.video.ScalingVideoEncoder;
import org.webims.media.codec.video.SystemVideoLibraries;
import org.webims.media.codec.video.VideoBackend;
import org.webims.media.codec.vp8.LibVpxVp8Encoder;

/**
 * Creates video encoders and decoders on the selected {@link VideoBackend}: the system libraries
 * when both load, else the bundled FFmpeg; {@code -Dwebims.video.backend=system|bundled} forces
 * one. The choice is logged once at INFO.
 */
public final class VideoCodecs {

    private static final Logger LOG = LoggerFactory.getLogger(VideoCodecs.class);

    private VideoCodecs() {
    }

    /** The back-end in use. */
    public static VideoBackend backend() {
        return Selection.BACKEND;
    }

    /** True when the back-end can be used on this machine. */
    public static boolean available(VideoBackend backend) {
        return backend == VideoBackend.BUNDLED || SystemVideoLibraries.available();
    }

    /**
     * An encoder on the selected back-end. It accepts pictures of any size: for H.264 the coded size
     * is the configured one scaled down until the level takes it (H.264 Table A-1), and pictures
     * of another size are scaled to the coded size.
     */
    public static VideoEncoder encoder(VideoEncoderConfig config) throws VideoCodecException {
        return encoder(config, backend());
    }

    /** An encoder on the given back-end (benchmarks, tests, a caller that needs one in particular). */
    public static VideoEncoder encoder(VideoEncoderConfig config, VideoBackend backend) throws VideoCodecException {
        if (!available(backend)) {
            throw new VideoCodecException("video back-end " + backend + " unavailable: " + SystemVideoLibraries.problem());
        }
        VideoEncoderConfig coded = codedConfig(config);
        VideoEncoder encoder;
        if (backend == VideoBackend.SYSTEM) {
            encoder = coded.codec() == VideoCodecType.VP8 ? new LibVpxVp8Encoder(coded) : new OpenH264Encoder(coded);
        } else {
            encoder = new FfmpegVideoEncoder(coded);
        }
        return new ScalingVideoEncoder(encoder);
    }

    /** The configuration with the size and bitrate an H.264 level allows; VP8's unchanged. */
    public static VideoEncoderConfig codedConfig(VideoEncoderConfig config) {
        if (config.codec() != VideoCodecType.H264) {
            return config;
        }
        H264Level level = H264Level.of(config.h264LevelIdc());
        int[] size = level.fit(config.width(), config.height(), config.fps());
        return config.withSize(size[0], size[1]).withBitrate(Math.min(config.bitrateBps(), level.maxBitrateBps()));
    }

    /** A decoder: FFmpeg's native one on either back-end (see {@link FfmpegVideoDecoder} for why). */
    public static VideoDecoder decoder(VideoCodecType codec) throws VideoCodecException {
        return new FfmpegVideoDecoder(codec);
    }

    private static final class Selection {
        static final VideoBackend BACKEND = select();

        private static VideoBackend select() {
            VideoBackend forced = VideoBackend.forced();
            VideoBackend chosen;
            String reason;
            if (forced != null) {
                if (forced == VideoBackend.SYSTEM && !SystemVideoLibraries.available()) {
                    throw new IllegalStateException(VideoBackend.PROPERTY + "=system but "
                            + SystemVideoLibraries.problem());
                }
                chosen = forced;
                reason = "forced by " + VideoBackend.PROPERTY;
            } else if (SystemVideoLibraries.available()) {
                chosen = VideoBackend.SYSTEM;
                reason = "system libvpx and openh264 found";
            } else {
                chosen = VideoBackend.BUNDLED;
                reason = "system libraries unavailable: " + SystemVideoLibraries.problem();
            }
            LOG.atInfo().addKeyValue("backend", chosen).addKeyValue("reason", reason).log("video codec back-end");
            return chosen;
        }
    }
}
