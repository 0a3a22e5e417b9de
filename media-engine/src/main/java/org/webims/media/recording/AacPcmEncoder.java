package org.webims.media.recording;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The AAC path of the recorder: 16-bit PCM in, AAC-LC packets out, with FFmpeg's native
 * {@code aac} encoder (no external library). Cuts the PCM into the encoder's 1024-sample frames
 * and keeps their times on a sample clock, so small jitter in the PCM times does not reach the
 * file; a gap of more than 100 ms re-anchors the clock. Writer thread only.
 */
final class AacPcmEncoder implements AutoCloseable {

    interface PacketSink {
        void packet(AVPacket packet, AVRational timeBase) throws MuxException;
    }

    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private final int channels;
    private final int frameSize;
    private final int gapSamples;
    private final float[][] staging;
    private int filled;
    private long frameStart;

    AacPcmEncoder(int sampleRate, int channels) throws MuxException {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name("aac");
        if (codec == null) {
            throw new MuxException(RecordingFailure.MUXER_ERROR, "FFmpeg has no aac encoder");
        }
        this.channels = channels;
        context = avcodec.avcodec_alloc_context3(codec);
        context.sample_fmt(avutil.AV_SAMPLE_FMT_FLTP);
        context.sample_rate(sampleRate);
        avutil.av_channel_layout_default(context.ch_layout(), channels);
        context.bit_rate(channels * (sampleRate >= 32_000 ? 64_000L : 32_000L));
        context.time_base(avutil.av_make_q(1, sampleRate));
        // The MP4 sample entry carries the AudioSpecificConfig (ISO 14496-3 §1.6.2.1).
        context.flags(context.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        int rc = avcodec.avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (rc < 0) {
            avcodec.avcodec_free_context(context);
            throw MuxException.muxer("cannot open the aac encoder at " + sampleRate + "/" + channels, rc);
        }
        frameSize = context.frame_size();
        gapSamples = sampleRate / 10;
        staging = new float[channels][frameSize];
        frame = avutil.av_frame_alloc();
        frame.nb_samples(frameSize);
        frame.format(avutil.AV_SAMPLE_FMT_FLTP);
        frame.sample_rate(sampleRate);
        avutil.av_channel_layout_copy(frame.ch_layout(), context.ch_layout());
        avutil.av_frame_get_buffer(frame, 0);
        packet = avcodec.av_packet_alloc();
    }

    AVCodecContext context() { return context; }

    /** PCM (16-bit little-endian, interleaved) starting at {@code startSample} of the file. */
    void encode(byte[] pcm, int offset, int length, long startSample, PacketSink sink) throws MuxException {
        int samples = length / (2 * channels);
        if (filled == 0) {
            frameStart = startSample;
        } else if (startSample > frameStart + filled + gapSamples) {
            sendFrame(frameSize, sink);
            frameStart = startSample;
        }
        int p = offset;
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < channels; c++) {
                staging[c][filled] = (short) ((pcm[p] & 0xff) | pcm[p + 1] << 8) / 32768f;
                p += 2;
            }
            if (++filled == frameSize) {
                sendFrame(frameSize, sink);
            }
        }
    }

    /** Encodes what is buffered and drains the encoder (end of file). */
    void finish(PacketSink sink) throws MuxException {
        if (filled > 0) {
            sendFrame(filled, sink);
        }
        avcodec.avcodec_send_frame(context, null);
        drain(sink);
    }

    // Sends `samples` samples (the rest of a short frame is silence) stamped frameStart.
    private void sendFrame(int samples, PacketSink sink) throws MuxException {
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(staging[c], filled, frameSize, 0f);
        }
        avutil.av_frame_make_writable(frame);
        frame.nb_samples(samples);
        for (int c = 0; c < channels; c++) {
            new FloatPointer(frame.data(c)).put(staging[c], 0, samples);
        }
        frame.pts(frameStart);
        int rc = avcodec.avcodec_send_frame(context, frame);
        if (rc < 0) {
            throw MuxException.muxer("aac encoder refused a frame", rc);
        }
        frameStart += frameSize;
        filled = 0;
        drain(sink);
    }

    private void drain(PacketSink sink) throws MuxException {
        while (avcodec.avcodec_receive_packet(context, packet) == 0) {
            sink.packet(packet, context.time_base());
            avcodec.av_packet_unref(packet);
        }
    }

    @Override
    public void close() {
        avcodec.av_packet_free(packet);
        avutil.av_frame_free(frame);
        avcodec.avcodec_free_context(context);
    }
}
