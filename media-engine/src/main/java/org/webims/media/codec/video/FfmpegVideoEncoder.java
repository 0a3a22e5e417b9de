package org.webims.media.codec.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.webims.media.codec.ConfiguredVideoEncoder;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.codec.h264.H264Nal;
import org.webims.media.codec.vp8.LibVpxVp8Encoder;
import org.webims.media.video.I420Picture;

/**
 * The bundled back-end's encoder: libvpx (VP8) or libopenh264 (H.264) as linked into the bytedeco
 * FFmpeg build, driven through libavcodec. FFmpeg's wrappers cannot change the bitrate of an open
 * encoder, so {@link #setTargetBitrate} re-opens it (the next frame is then a key frame); the
 * system back-end changes it in place. Input pictures must have the encoder's size (see
 * {@link ScalingVideoEncoder}).
 */
public final class FfmpegVideoEncoder extends ConfiguredVideoEncoder {

    private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux

    static {
        // FFmpeg's log level is process-wide: the same as FfmpegVideoDecoder's; failures surface as return codes
        av_log_set_level(AV_LOG_FATAL);
    }

    private final String encoderName;
    private final AVFrame frame;
    private final AVPacket packet;
    private AVCodecContext context;
    private long frameIndex;

    public FfmpegVideoEncoder(VideoEncoderConfig config) throws VideoCodecException {
        super(config);
        this.encoderName = config.codec() == VideoCodecType.VP8 ? "libvpx" : "libopenh264";
        this.frame = av_frame_alloc();
        this.packet = av_packet_alloc();
        frame.format(AV_PIX_FMT_YUV420P).width(config.width()).height(config.height());
        try {
            open();
        } catch (VideoCodecException e) {
            close();
            throw e;
        }
    }

    private void open() throws VideoCodecException {
        int bitrate = targetBitrate();
        AVCodec codec = avcodec_find_encoder_by_name(encoderName);
        if (codec == null || codec.isNull()) {
            throw new VideoCodecException("the bundled FFmpeg has no encoder " + encoderName);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        ctx.width(config.width()).height(config.height()).pix_fmt(AV_PIX_FMT_YUV420P)
                .time_base(av_make_q(1, config.fps())).framerate(av_make_q(config.fps(), 1))
                .bit_rate(bitrate).max_b_frames(0).thread_count(1)
                .gop_size(config.keyFrameInterval() > 0 ? config.keyFrameInterval() : 1 << 20);
        AVDictionary options = new AVDictionary(null);
        if (config.codec() == VideoCodecType.VP8) {
            // realtime deadline, no look-ahead, the system encoder's fixed speed (a positive cpu-used
            // lets libvpx choose the speed from encode wall time, decision 0051)
            av_dict_set(options, "deadline", "realtime", 0);
            av_dict_set(options, "cpu-used", String.valueOf(LibVpxVp8Encoder.CPU_USED), 0);
            av_dict_set(options, "lag-in-frames", "0", 0);
            av_dict_set(options, "error-resilient", "default", 0);
            ctx.rc_min_rate(bitrate).rc_max_rate(bitrate).rc_buffer_size(bitrate); // CBR, 1 s buffer
            ctx.qmin(2).qmax(56);
        } else {
            // openh264 takes profile_idc 66 (the constrained value 578 it rejects) and always sets
            // constraint_set1 for it: Constrained Baseline, as the tests check in the SPS
            ctx.profile(AV_PROFILE_H264_BASELINE).level(config.h264LevelIdc());
            av_dict_set(options, "allow_skip_frames", "0", 0);
            av_dict_set(options, "rc_mode", "bitrate", 0);
            if (config.maxNalBytes() > 0) {
                av_dict_set(options, "max_nal_size", Integer.toString(config.maxNalBytes()), 0);
            }
        }
        int rc = avcodec_open2(ctx, codec, options);
        av_dict_free(options);
        if (rc < 0) {
            avcodec_free_context(ctx);
            throw new VideoCodecException(encoderName + ": avcodec_open2 failed (" + rc + ") for " + config);
        }
        context = ctx;
    }

    @Override
    public boolean encode(I420Picture picture, EncodedVideoFrame out) throws VideoCodecException {
        checkPicture(picture);
        for (int p = 0; p < 3; p++) {
            frame.data(p, picture.pointer(p));
            frame.linesize(p, picture.stride(p));
        }
        frame.pts(frameIndex++);
        frame.pict_type(takeKeyFrameRequest() ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        int rc = avcodec_send_frame(context, frame);
        if (rc < 0) {
            throw new VideoCodecException(encoderName + ": avcodec_send_frame failed (" + rc + ")");
        }
        int length = 0;
        boolean key = false;
        while ((rc = avcodec_receive_packet(context, packet)) >= 0) {
            int size = packet.size();
            byte[] buffer = out.ensureCapacity(length + size, length);
            packet.data().get(buffer, length, size);
            length += size;
            key |= (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            av_packet_unref(packet);
        }
        if (rc != EAGAIN) {
            throw new VideoCodecException(encoderName + ": avcodec_receive_packet failed (" + rc + ")");
        }
        if (length > 0 && key && config.codec() == VideoCodecType.H264) {
            // FFmpeg's openh264 wrapper ignores the requested level and declares the smallest that
            // fits; declare the negotiated one (the level is an upper bound, H.264 §A.3)
            H264Nal.raiseSpsLevel(out.data(), 0, length, config.h264LevelIdc());
        }
        return finish(out, length, key, picture);
    }

    /** Re-opens the encoder at the new bitrate: FFmpeg's wrappers read it only when they open. */
    @Override
    protected int applyBitrate(int bitsPerSecond) throws VideoCodecException {
        if (bitsPerSecond != targetBitrate()) {
            recordBitrate(bitsPerSecond);
            avcodec_free_context(context);
            context = null;
            open();
        }
        return bitsPerSecond;
    }

    @Override
    public String implementation() {
        return "bundled " + encoderName + " (FFmpeg)";
    }

    @Override
    protected void release() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
        for (int p = 0; p < 3; p++) {
            frame.data(p, null);
        }
        av_frame_free(frame);
        av_packet_free(packet);
    }
}
