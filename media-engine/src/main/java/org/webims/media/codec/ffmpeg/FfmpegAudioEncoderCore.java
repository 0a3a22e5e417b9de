package org.webims.media.codec.ffmpeg;

import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;

/**
 * One open FFmpeg audio encoder taking 16-bit mono frames of a fixed size and giving one packet per
 * frame (true of libopus and libvo_amrwbenc). The frame buffer is FFmpeg's own, filled in place.
 */
public final class FfmpegAudioEncoderCore implements AutoCloseable {

    private AVCodecContext context;
    private AVFrame frame;
    private AVPacket packet;
    private ShortPointer framePcm;
    private final LongPointer packetFields;
    private final int packetDataSlot;
    private final NativeView.Bytes packetData = new NativeView.Bytes();
    private final int frameSamples;
    private long pts;

    private FfmpegAudioEncoderCore(AVCodecContext context, AVFrame frame, AVPacket packet, int frameSamples) {
        this.context = context;
        this.frame = frame;
        this.packet = packet;
        this.frameSamples = frameSamples;
        this.framePcm = new ShortPointer(frame.data(0)).capacity(frameSamples);
        this.packetFields = new LongPointer(packet);
        this.packetDataSlot = NativeView.packetDataSlot(packet, packetFields);
    }

    /**
     * Opens {@code encoderName} for mono S16 at {@code sampleRate}.
     *
     * @param compressionLevel codec effort (libopus: complexity 0..10), or -1 for the codec's default
     * @param privateOptions the encoder's AVOptions (e.g. libopus {@code fec}, {@code packet_loss})
     */
    public static FfmpegAudioEncoderCore open(String encoderName, int sampleRate, int frameSamples, long bitRate,
            int compressionLevel, Map<String, String> privateOptions) throws CodecException {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(encoderName);
        if (codec == null) {
            throw new CodecException(Fault.NATIVE_FAILURE, "bundled FFmpeg has no encoder " + encoderName);
        }
        AVCodecContext ctx = avcodec.avcodec_alloc_context3(codec);
        AVFrame frame = null;
        AVPacket packet = null;
        AVDictionary options = new AVDictionary(null);
        try {
            ctx.sample_rate(sampleRate);
            ctx.sample_fmt(avutil.AV_SAMPLE_FMT_S16);
            avutil.av_channel_layout_default(ctx.ch_layout(), 1);
            ctx.time_base(avutil.av_make_q(1, sampleRate));
            ctx.bit_rate(bitRate);
            ctx.thread_count(1);
            if (compressionLevel >= 0) {
                ctx.compression_level(compressionLevel);
            }
            for (Map.Entry<String, String> o : privateOptions.entrySet()) {
                avutil.av_dict_set(options, o.getKey(), o.getValue(), 0);
            }
            int rc = avcodec.avcodec_open2(ctx, codec, options);
            if (rc < 0) {
                throw new CodecException(Fault.NATIVE_FAILURE, encoderName + ": avcodec_open2: " + FfmpegErrors.describe(rc));
            }
            if (ctx.frame_size() != frameSamples) {
                throw new CodecException(Fault.NATIVE_FAILURE,
                        encoderName + " takes frames of " + ctx.frame_size() + " samples, not " + frameSamples);
            }
            frame = avutil.av_frame_alloc();
            frame.nb_samples(frameSamples);
            frame.format(avutil.AV_SAMPLE_FMT_S16);
            frame.sample_rate(sampleRate);
            avutil.av_channel_layout_copy(frame.ch_layout(), ctx.ch_layout());
            rc = avutil.av_frame_get_buffer(frame, 0);
            if (rc < 0) {
                throw new CodecException(Fault.NATIVE_FAILURE, "av_frame_get_buffer: " + FfmpegErrors.describe(rc));
            }
            packet = avcodec.av_packet_alloc();
            FfmpegAudioEncoderCore core = new FfmpegAudioEncoderCore(ctx, frame, packet, frameSamples);
            ctx = null;
            frame = null;
            packet = null;
            return core;
        } finally {
            avutil.av_dict_free(options);
            if (packet != null) {
                avcodec.av_packet_free(packet);
            }
            if (frame != null) {
                avutil.av_frame_free(frame);
            }
            if (ctx != null) {
                avcodec.avcodec_free_context(ctx);
            }
        }
    }

    /** The open codec context, for settings the encoder reads per frame (libvo_amrwbenc: bit_rate, dtx). */
    public AVCodecContext context() {
        return context;
    }

    /** Encodes one frame; returns the packet's length copied to {@code out}, 0 if the encoder held it back. */
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int outCapacity) throws CodecException {
        if (context == null) {
            throw new IllegalStateException("encoder is closed");
        }
        if (avutil.av_frame_is_writable(frame) == 0) {
            // the encoder kept a reference to the last frame: give ours a fresh buffer (rare, allocates)
            avutil.av_frame_make_writable(frame);
            framePcm = new ShortPointer(frame.data(0)).capacity(frameSamples);
        }
        framePcm.put(pcm, pcmOffset, frameSamples);
        frame.pts(pts);
        pts += frameSamples;
        int rc = avcodec.avcodec_send_frame(context, frame);
        if (rc < 0) {
            throw new CodecException(Fault.NATIVE_FAILURE, "avcodec_send_frame: " + FfmpegErrors.describe(rc));
        }
        rc = avcodec.avcodec_receive_packet(context, packet);
        if (rc == FfmpegErrors.EAGAIN) {
            return 0;
        }
        if (rc < 0) {
            throw new CodecException(Fault.NATIVE_FAILURE, "avcodec_receive_packet: " + FfmpegErrors.describe(rc));
        }
        try {
            int size = packet.size();
            CodecException.checkRoom(size, outCapacity, "bytes");
            packetData.aim(packetFields.get(packetDataSlot), size).get(out, outOffset, size);
            return size;
        } finally {
            avcodec.av_packet_unref(packet);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            avcodec.av_packet_free(packet);
            avutil.av_frame_free(frame);
            avcodec.avcodec_free_context(context);
            context = null;
            frame = null;
            packet = null;
        }
    }
}
