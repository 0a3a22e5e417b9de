package org.webims.media.codec.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;

/**
 * One open FFmpeg audio decoder producing mono PCM: S16 is copied out, float formats are converted.
 * Input is copied into one padded native buffer that the (non-refcounted) packet points at.
 */
public final class FfmpegAudioDecoderCore implements AutoCloseable {

    private AVCodecContext context;
    private AVPacket packet;
    private AVFrame frame;
    private BytePointer input;
    private final int maxInputBytes;
    private final LongPointer frameFields;
    private final NativeView.Shorts shorts = new NativeView.Shorts();
    private final NativeView.Floats floats = new NativeView.Floats();
    private float[] floatScratch = new float[0];
    private final String name;

    private FfmpegAudioDecoderCore(String name, AVCodecContext context, AVPacket packet, AVFrame frame,
            BytePointer input, int maxInputBytes) {
        this.name = name;
        this.context = context;
        this.packet = packet;
        this.frame = frame;
        this.input = input;
        this.maxInputBytes = maxInputBytes;
        this.frameFields = new LongPointer(frame); // AVFrame.data[0] is the struct's first field
    }

    /** Opens the first of {@code decoderNames} this FFmpeg build has, for mono at {@code sampleRate}. */
    public static FfmpegAudioDecoderCore open(int sampleRate, int maxInputBytes, String... decoderNames)
            throws CodecException {
        AVCodec codec = null;
        String chosen = null;
        for (String n : decoderNames) {
            codec = avcodec.avcodec_find_decoder_by_name(n);
            if (codec != null) {
                chosen = n;
                break;
            }
        }
        if (codec == null) {
            throw new CodecException(Fault.NATIVE_FAILURE, "bundled FFmpeg has none of the decoders " + String.join(", ", decoderNames));
        }
        AVCodecContext ctx = avcodec.avcodec_alloc_context3(codec);
        ctx.sample_rate(sampleRate);
        avutil.av_channel_layout_default(ctx.ch_layout(), 1);
        ctx.request_sample_fmt(avutil.AV_SAMPLE_FMT_S16);
        ctx.thread_count(1);
        int rc = avcodec.avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (rc < 0) {
            avcodec.avcodec_free_context(ctx);
            throw new CodecException(Fault.NATIVE_FAILURE, chosen + ": avcodec_open2: " + FfmpegErrors.describe(rc));
        }
        BytePointer input = new BytePointer(avutil.av_mallocz(maxInputBytes + avcodec.AV_INPUT_BUFFER_PADDING_SIZE))
                .capacity(maxInputBytes);
        AVPacket packet = avcodec.av_packet_alloc();
        packet.data(input);
        return new FfmpegAudioDecoderCore(chosen, ctx, packet, avutil.av_frame_alloc(), input, maxInputBytes);
    }

    /** Name of the FFmpeg decoder in use. */
    public String decoderName() {
        return name;
    }

    /** Decodes one packet into {@code pcm[pcmOffset..]}; returns the samples written. */
    public int decode(byte[] data, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        if (context == null) {
            throw new IllegalStateException("decoder is closed");
        }
        if (length <= 0 || length > maxInputBytes) {
            throw new CodecException(Fault.CORRUPT_FRAME, name + ": packet of " + length + " bytes");
        }
        input.position(0).put(data, offset, length);
        packet.size(length);
        int rc = avcodec.avcodec_send_packet(context, packet);
        if (rc < 0) {
            throw new CodecException(Fault.CORRUPT_FRAME, name + ": " + FfmpegErrors.describe(rc));
        }
        rc = avcodec.avcodec_receive_frame(context, frame);
        if (rc == FfmpegErrors.EAGAIN) {
            return 0;
        }
        if (rc < 0) {
            throw new CodecException(Fault.CORRUPT_FRAME, name + ": " + FfmpegErrors.describe(rc));
        }
        try {
            int samples = frame.nb_samples();
            CodecException.checkRoom(samples, pcm.length - pcmOffset, "samples");
            long address = frameFields.get(0);
            int format = frame.format();
            if (format == avutil.AV_SAMPLE_FMT_S16 || format == avutil.AV_SAMPLE_FMT_S16P) {
                shorts.aim(address, samples).get(pcm, pcmOffset, samples);
            } else if (format == avutil.AV_SAMPLE_FMT_FLT || format == avutil.AV_SAMPLE_FMT_FLTP) {
                copyFloats(address, samples, pcm, pcmOffset);
            } else {
                throw new CodecException(Fault.NATIVE_FAILURE, name + " gave sample format " + format);
            }
            return samples;
        } finally {
            avutil.av_frame_unref(frame);
        }
    }

    private void copyFloats(long address, int samples, short[] pcm, int pcmOffset) {
        if (floatScratch.length < samples) {
            floatScratch = new float[samples]; // grows once to the decoder's frame size
        }
        floats.aim(address, samples).get(floatScratch, 0, samples);
        for (int i = 0; i < samples; i++) {
            float v = floatScratch[i] * 32768f;
            pcm[pcmOffset + i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
    }

    @Override
    public void close() {
        if (context != null) {
            packet.data(null);
            avcodec.av_packet_free(packet);
            avutil.av_frame_free(frame);
            avcodec.avcodec_free_context(context);
            avutil.av_free(input);
            context = null;
            packet = null;
            frame = null;
            input = null;
        }
    }
}
