package org.webims.media.recording;

import java.util.Objects;
import org.webims.media.pipeline.MediaType;

/**
 * A track declared before recording starts. For video, a width and height of 0 mean "read them
 * from the first keyframe" (the H.264 SPS or the VP8 key frame header). For {@link TrackCodec#AAC}
 * the rate and channels are those of the PCM handed to {@link MediaFileWriter#writePcm}.
 */
public record TrackSpec(TrackCodec codec, int sampleRate, int channels, int width, int height) {

    public TrackSpec {
        Objects.requireNonNull(codec, "codec");
        if (codec == TrackCodec.PCM_S16) {
            throw new IllegalArgumentException("PCM is recorded as AAC: declare TrackSpec.aacFromPcm");
        }
        if (codec.mediaType() == MediaType.AUDIO && (sampleRate <= 0 || channels < 1 || channels > 2)) {
            throw new IllegalArgumentException("audio needs a positive rate and 1 or 2 channels: "
                    + sampleRate + "/" + channels);
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative video size " + width + "x" + height);
        }
    }

    /** Opus always runs at 48 kHz in a file (RFC 7587 §4). */
    public static TrackSpec opus(int channels) { return new TrackSpec(TrackCodec.OPUS, 48_000, channels, 0, 0); }

    public static TrackSpec amrWb() { return new TrackSpec(TrackCodec.AMR_WB, 16_000, 1, 0, 0); }

    /** PCM 16-bit at {@code sampleRate}, encoded to AAC by the writer. */
    public static TrackSpec aacFromPcm(int sampleRate, int channels) {
        return new TrackSpec(TrackCodec.AAC, sampleRate, channels, 0, 0);
    }

    public static TrackSpec vp8() { return new TrackSpec(TrackCodec.VP8, 90_000, 1, 0, 0); }

    public static TrackSpec h264() { return new TrackSpec(TrackCodec.H264, 90_000, 1, 0, 0); }

    /** This video track with a declared size instead of the one parsed from the first keyframe. */
    public TrackSpec withSize(int w, int h) { return new TrackSpec(codec, sampleRate, channels, w, h); }

    public MediaType mediaType() { return codec.mediaType(); }
}
