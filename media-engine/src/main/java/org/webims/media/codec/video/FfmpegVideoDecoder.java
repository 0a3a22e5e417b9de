package org.webims.media.codec.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_plane;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.codec.h264.H264Nal;
import org.webims.media.codec.vp8.Vp8Frame;
import org.webims.media.video.I420Picture;

/**
 * Decodes with FFmpeg's own VP8 and H.264 decoders (not libvpx's or openh264's), for both
 * back-ends: they are the fastest software decoders of the two formats (about 660 fps VP8 and
 * 1070 fps H.264 at 720p on one core here, well above libvpx's and openh264's decoders) and they
 * take any profile a peer may send, where openh264 decodes Constrained Baseline only.
 *
 * <p>Errors are not concealed ({@code AV_EF_EXPLODE}): a damaged or reference-less frame makes the
 * decoder answer {@link Status#KEYFRAME_NEEDED} and drop delta frames until a key frame decodes,
 * as WebRTC receivers do, rather than show smeared pictures.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {

    private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux
    private static final int AV_FRAME_FLAG_CORRUPT = 1; // libavutil/frame.h, not mapped by the preset

    static {
        av_log_set_level(AV_LOG_FATAL); // damaged input is expected; it is reported by status, not by stderr
    }

    private final VideoCodecType codec;
    private final AVPacket packet;
    private final AVFrame frame;
    private AVCodecContext context;
    private BytePointer input;
    private int inputCapacity;
    private I420Picture picture;
    private boolean awaitingKeyFrame = true;
    private boolean closed;

    public FfmpegVideoDecoder(VideoCodecType codec) throws VideoCodecException {
        this.codec = codec;
        String name = codec == VideoCodecType.VP8 ? "vp8" : "h264";
        AVCodec decoder = avcodec_find_decoder_by_name(name);
        if (decoder == null || decoder.isNull()) {
            throw new VideoCodecException("the bundled FFmpeg has no decoder " + name);
        }
        context = avcodec_alloc_context3(decoder);
        context.thread_count(1).flags(context.flags() | AV_CODEC_FLAG_LOW_DELAY)
                .err_recognition(context.err_recognition() | AV_EF_EXPLODE);
        int rc = avcodec_open2(context, decoder, (AVDictionary) null);
        if (rc < 0) {
            avcodec_free_context(context);
            throw new VideoCodecException(name + ": avcodec_open2 failed (" + rc + ")");
        }
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        growInput(256 * 1024);
    }

    private void growInput(int capacity) {
        if (input != null) {
            input.close();
        }
        inputCapacity = capacity;
        input = new BytePointer(capacity + AV_INPUT_BUFFER_PADDING_SIZE);
        input.fill(0);
    }

    @Override
    public Status decode(byte[] data, int offset, int length, long timestamp) {
        if (closed) {
            return Status.KEYFRAME_NEEDED;
        }
        if (length <= 0 || offset < 0 || offset + length > data.length) {
            return Status.KEYFRAME_NEEDED;
        }
        boolean key = codec == VideoCodecType.VP8 ? Vp8Frame.isKeyFrame(data, offset, length)
                : H264Nal.containsIdr(data, offset, length);
        if (awaitingKeyFrame && !key) {
            return Status.KEYFRAME_NEEDED;
        }
        if (length > inputCapacity) {
            growInput(Math.max(length, inputCapacity * 2));
        }
        input.position(0).put(data, offset, length);
        input.put(length, (byte) 0); // padding stays zero (the bitstream readers overread)
        packet.data(input).size(length).pts(timestamp);
        int rc = avcodec_send_packet(context, packet);
        packet.data(null).size(0);
        if (rc < 0 && rc != EAGAIN) {
            awaitingKeyFrame = true;
            return Status.KEYFRAME_NEEDED;
        }
        rc = avcodec_receive_frame(context, frame);
        if (rc == EAGAIN) {
            // low delay and no B-frames: an H.264 access unit with a slice shows at once, so one that
            // does not (or holds no NAL unit at all) was not decodable
            if (codec == VideoCodecType.H264 && (H264Nal.containsSlice(data, offset, length)
                    || H264Nal.nextNal(data, offset, offset + length) < 0)) {
                awaitingKeyFrame = true;
                return Status.KEYFRAME_NEEDED;
            }
            return Status.NO_PICTURE;
        }
        if (rc < 0) {
            awaitingKeyFrame = true;
            return Status.KEYFRAME_NEEDED;
        }
        try {
            if ((frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0
                    || (frame.format() != AV_PIX_FMT_YUV420P && frame.format() != AV_PIX_FMT_YUVJ420P)) {
                awaitingKeyFrame = true;
                return Status.KEYFRAME_NEEDED;
            }
            copyOut(frame, timestamp);
            awaitingKeyFrame = false;
            return Status.PICTURE;
        } finally {
            av_frame_unref(frame);
        }
    }

    private void copyOut(AVFrame decoded, long timestamp) {
        int w = decoded.width();
        int h = decoded.height();
        if (picture == null || w > picture.capacityWidth() || h > picture.capacityHeight()) {
            picture = I420Picture.allocate(w, h); // only when the stream grows
        }
        picture.resize(w, h);
        picture.timestamp(timestamp);
        for (int p = 0; p < 3; p++) {
            av_image_copy_plane(picture.pointer(p), picture.stride(p), decoded.data(p), decoded.linesize(p),
                    picture.planeWidth(p), picture.planeHeight(p));
        }
    }

    @Override
    public I420Picture picture() {
        return picture;
    }

    @Override
    public VideoCodecType codec() {
        return codec;
    }

    @Override
    public String implementation() {
        return "FFmpeg " + (codec == VideoCodecType.VP8 ? "vp8" : "h264") + " decoder";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        avcodec_free_context(context);
        context = null;
        av_packet_free(packet);
        av_frame_free(frame);
        input.close();
    }
}
