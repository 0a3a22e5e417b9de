package org.webims.media.filetest;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Real encoded media for the file tests, made with FFmpeg's encoders (libopus, libvo_amrwbenc,
 * libvpx, libopenh264) from a 440 Hz tone and a moving gradient: 320x240 at 25 fps with a
 * keyframe every second, audio in 20 ms frames.
 */
public final class TestEncoders {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    public static final int FPS = 25;

    private TestEncoders() {
    }

    public static List<EncodedFrame> opus(double seconds) {
        return audio("libopus", 48_000, seconds, 32_000);
    }

    public static List<EncodedFrame> amrWb(double seconds) {
        return audio("libvo_amrwbenc", 16_000, seconds, 23_850);
    }

    public static List<EncodedFrame> vp8(double seconds) {
        return video("libvpx", seconds);
    }

    public static List<EncodedFrame> h264(double seconds) {
        return video("libopenh264", seconds);
    }

    /** A 440 Hz tone, 16-bit mono, at {@code rate}, {@code seconds} long. */
    public static short[] tone(int rate, double seconds) {
        short[] pcm = new short[(int) Math.round(rate * seconds)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        return pcm;
    }

    private static List<EncodedFrame> audio(String name, int rate, double seconds, long bitRate) {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(name);
        AVCodecContext ctx = avcodec.avcodec_alloc_context3(codec);
        ctx.sample_rate(rate);
        ctx.sample_fmt(avutil.AV_SAMPLE_FMT_S16);
        avutil.av_channel_layout_default(ctx.ch_layout(), 1);
        ctx.time_base(avutil.av_make_q(1, rate));
        ctx.bit_rate(bitRate);
        check(avcodec.avcodec_open2(ctx, codec, (AVDictionary) null), "open " + name);
        int frameSize = ctx.frame_size();
        AVFrame frame = avutil.av_frame_alloc();
        frame.nb_samples(frameSize);
        frame.format(avutil.AV_SAMPLE_FMT_S16);
        frame.sample_rate(rate);
        avutil.av_channel_layout_copy(frame.ch_layout(), ctx.ch_layout());
        check(avutil.av_frame_get_buffer(frame, 0), "frame buffer");
        short[] pcm = tone(rate, seconds);
        List<EncodedFrame> out = new ArrayList<>();
        AVPacket pkt = avcodec.av_packet_alloc();
        for (int start = 0; start + frameSize <= pcm.length; start += frameSize) {
            avutil.av_frame_make_writable(frame);
            new ShortPointer(frame.data(0)).put(pcm, start, frameSize);
            frame.pts(start);
            check(avcodec.avcodec_send_frame(ctx, frame), "encode");
            drain(ctx, pkt, out, rate);
        }
        avcodec.avcodec_send_frame(ctx, null);
        drain(ctx, pkt, out, rate);
        avcodec.av_packet_free(pkt);
        avutil.av_frame_free(frame);
        avcodec.avcodec_free_context(ctx);
        return out;
    }

    private static List<EncodedFrame> video(String name, double seconds) {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(name);
        AVCodecContext ctx = avcodec.avcodec_alloc_context3(codec);
        ctx.width(WIDTH);
        ctx.height(HEIGHT);
        ctx.pix_fmt(avutil.AV_PIX_FMT_YUV420P);
        ctx.time_base(avutil.av_make_q(1, FPS));
        ctx.framerate(avutil.av_make_q(FPS, 1));
        ctx.gop_size(FPS);
        ctx.max_b_frames(0);
        ctx.bit_rate(400_000);
        AVDictionary opts = new AVDictionary(null);
        if (name.equals("libvpx")) {
            avutil.av_dict_set(opts, "deadline", "realtime", 0);
            avutil.av_dict_set(opts, "cpu-used", "8", 0);
            avutil.av_dict_set(opts, "lag-in-frames", "0", 0);
        }
        check(avcodec.avcodec_open2(ctx, codec, opts), "open " + name);
        avutil.av_dict_free(opts);
        AVFrame frame = avutil.av_frame_alloc();
        frame.width(WIDTH);
        frame.height(HEIGHT);
        frame.format(avutil.AV_PIX_FMT_YUV420P);
        check(avutil.av_frame_get_buffer(frame, 0), "frame buffer");
        List<EncodedFrame> out = new ArrayList<>();
        AVPacket pkt = avcodec.av_packet_alloc();
        int frames = (int) Math.round(seconds * FPS);
        byte[] row = new byte[WIDTH];
        for (int n = 0; n < frames; n++) {
            avutil.av_frame_make_writable(frame);
            BytePointer y = frame.data(0);
            for (int r = 0; r < HEIGHT; r++) {
                for (int c = 0; c < WIDTH; c++) {
                    row[c] = (byte) (c + r + 4 * n);
                }
                y.position((long) r * frame.linesize(0)).put(row, 0, WIDTH);
            }
            for (int p = 1; p <= 2; p++) {
                BytePointer plane = frame.data(p);
                java.util.Arrays.fill(row, (byte) (p == 1 ? 90 + n : 160 - n));
                for (int r = 0; r < HEIGHT / 2; r++) {
                    plane.position((long) r * frame.linesize(p)).put(row, 0, WIDTH / 2);
                }
            }
            frame.pts(n);
            frame.pict_type(n % FPS == 0 ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
            check(avcodec.avcodec_send_frame(ctx, frame), "encode");
            drain(ctx, pkt, out, FPS);
        }
        avcodec.avcodec_send_frame(ctx, null);
        drain(ctx, pkt, out, FPS);
        avcodec.av_packet_free(pkt);
        avutil.av_frame_free(frame);
        avcodec.avcodec_free_context(ctx);
        return out;
    }

    private static void drain(AVCodecContext ctx, AVPacket pkt, List<EncodedFrame> out, int rate) {
        while (avcodec.avcodec_receive_packet(ctx, pkt) == 0) {
            byte[] data = new byte[pkt.size()];
            pkt.data().get(data);
            long us = pkt.pts() * 1_000_000L / rate;
            out.add(new EncodedFrame(data, us, (pkt.flags() & avcodec.AV_PKT_FLAG_KEY) != 0));
            avcodec.av_packet_unref(pkt);
        }
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException(what + " failed: " + rc);
        }
    }
}
