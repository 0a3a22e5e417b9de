package org.webims.media.recording;

import org.bytedeco.ffmpeg.global.avcodec;
import org.webims.media.pipeline.MediaType;

/**
 * The codecs a media file track carries, in the frame layout this layer exchanges: Opus packets,
 * AMR-WB frames in the RFC 4867 §5.3 storage format (header byte, then speech bits), VP8 frames,
 * H.264 access units in Annex-B form, 16-bit little-endian interleaved PCM, and AAC (written
 * from PCM: the recorder encodes it, the reader decodes it back to PCM).
 */
public enum TrackCodec {
    OPUS(MediaType.AUDIO, avcodec.AV_CODEC_ID_OPUS),
    AMR_WB(MediaType.AUDIO, avcodec.AV_CODEC_ID_AMR_WB),
    AAC(MediaType.AUDIO, avcodec.AV_CODEC_ID_AAC),
    PCM_S16(MediaType.AUDIO, avcodec.AV_CODEC_ID_PCM_S16LE),
    VP8(MediaType.VIDEO, avcodec.AV_CODEC_ID_VP8),
    H264(MediaType.VIDEO, avcodec.AV_CODEC_ID_H264);

    private final MediaType mediaType;
    private final int ffmpegId;

    TrackCodec(MediaType mediaType, int ffmpegId) {
        this.mediaType = mediaType;
        this.ffmpegId = ffmpegId;
    }

    public MediaType mediaType() { return mediaType; }

    /** FFmpeg's {@code AVCodecID}. */
    public int ffmpegId() { return ffmpegId; }
}
