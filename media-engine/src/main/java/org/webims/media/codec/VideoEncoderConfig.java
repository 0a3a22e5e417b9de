package org.webims.media.codec;

/**
 * What a video encoder is asked to produce.
 *
 * @param codec the codec
 * @param width coded width (even); for H.264 a size the level cannot take is scaled down
 * @param height coded height (even)
 * @param fps frames per second the caller feeds
 * @param bitrateBps target bitrate, bits per second
 * @param h264LevelIdc H.264 level_idc (e.g. 31 for level 3.1); ignored for VP8
 * @param maxNalBytes H.264: largest NAL unit in bytes, so each fits one RTP packet in
 *     packetization-mode 0 (RFC 6184 §6.2); 0 = one slice per picture. Ignored for VP8
 * @param keyFrameInterval frames between periodic key frames; 0 = only the first and the forced
 */
public record VideoEncoderConfig(VideoCodecType codec, int width, int height, int fps, int bitrateBps,
        int h264LevelIdc, int maxNalBytes, int keyFrameInterval) {

    public VideoEncoderConfig {
        if (codec == null) {
            throw new IllegalArgumentException("codec missing");
        }
        if (width < 16 || height < 16 || width > 4096 || height > 4096 || (width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + ": need even sides in 16..4096");
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps " + fps + " outside 1..120");
        }
        if (bitrateBps < 10_000) {
            throw new IllegalArgumentException("bitrate " + bitrateBps + " bps below 10 kbit/s");
        }
        if (maxNalBytes < 0 || (maxNalBytes > 0 && maxNalBytes < 200)) {
            throw new IllegalArgumentException("maxNalBytes " + maxNalBytes + ": 0 or at least 200");
        }
    }

    /** VP8 at 30 fps, a key frame every 10 s at most. */
    public static VideoEncoderConfig vp8(int width, int height, int bitrateBps) {
        return new VideoEncoderConfig(VideoCodecType.VP8, width, height, 30, bitrateBps, 0, 0, 300);
    }

    /** H.264 Constrained Baseline at the given level, 30 fps, one slice per picture. */
    public static VideoEncoderConfig h264(int width, int height, int bitrateBps, int levelIdc) {
        return new VideoEncoderConfig(VideoCodecType.H264, width, height, 30, bitrateBps, levelIdc, 0, 300);
    }

    public VideoEncoderConfig withSize(int newWidth, int newHeight) {
        return new VideoEncoderConfig(codec, newWidth, newHeight, fps, bitrateBps, h264LevelIdc, maxNalBytes, keyFrameInterval);
    }

    public VideoEncoderConfig withBitrate(int newBitrateBps) {
        return new VideoEncoderConfig(codec, width, height, fps, newBitrateBps, h264LevelIdc, maxNalBytes, keyFrameInterval);
    }

    public VideoEncoderConfig withFps(int newFps) {
        return new VideoEncoderConfig(codec, width, height, newFps, bitrateBps, h264LevelIdc, maxNalBytes, keyFrameInterval);
    }

    public VideoEncoderConfig withMaxNalBytes(int bytes) {
        return new VideoEncoderConfig(codec, width, height, fps, bitrateBps, h264LevelIdc, bytes, keyFrameInterval);
    }

    public VideoEncoderConfig withKeyFrameInterval(int frames) {
        return new VideoEncoderConfig(codec, width, height, fps, bitrateBps, h264LevelIdc, maxNalBytes, frames);
    }
}
