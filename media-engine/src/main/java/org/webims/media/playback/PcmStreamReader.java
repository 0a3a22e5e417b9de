package org.webims.media.playback;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Audio the engine does not carry as is (WAV's PCM, AAC, ...): decoded by FFmpeg, converted to
 * 16-bit interleaved at the file's own rate and channels, and cut into 20 ms frames (the last
 * one may be shorter). Frame times count samples from the first decoded frame after a seek.
 */
final class PcmStreamReader extends StreamReader {

    private static final AVRational MICROS = avutil.av_make_q(1, 1_000_000);

    private final Path path;
    private final AVRational timeBase;
    private final long startUs;
    private final AVCodecContext decoder;
    private final AVFrame frame = avutil.av_frame_alloc();
    private final SwrContext converter;
    private final int rate;
    private final int bytesPerSample;
    private final int frameBytes;
    private BytePointer converted;
    // The one output plane of packed 16-bit samples, for swr_convert.
    private final PointerPointer<BytePointer> outPlanes = new PointerPointer<>(1);
    private int convertedCapacity;
    private byte[] pcm = new byte[16384];
    private int readPos;
    private int writePos;
    private long firstUs = Long.MIN_VALUE;
    private long emittedSamples;
    private boolean draining;

    PcmStreamReader(Path path, FileTrack track, AVStream stream, long startUs) throws MediaFileException {
        super(track);
        this.path = path;
        this.startUs = startUs;
        this.timeBase = stream.time_base();
        var par = stream.codecpar();
        AVCodec codec = avcodec.avcodec_find_decoder(par.codec_id());
        if (codec == null) {
            throw new MediaFileException(path, MediaFileException.Reason.NO_PLAYABLE_TRACK,
                    "no decoder for " + avcodec.avcodec_get_name(par.codec_id()).getString());
        }
        decoder = avcodec.avcodec_alloc_context3(codec);
        avcodec.avcodec_parameters_to_context(decoder, par);
        decoder.pkt_timebase(stream.time_base());
        int rc = avcodec.avcodec_open2(decoder, codec, (AVDictionary) null);
        if (rc < 0) {
            avcodec.avcodec_free_context(decoder);
            throw new MediaFileException(path, MediaFileException.Reason.CORRUPT, "cannot open the audio decoder (" + rc + ")");
        }
        rate = decoder.sample_rate();
        bytesPerSample = 2 * track.channels();
        frameBytes = rate / 50 * bytesPerSample;
        if (decoder.sample_fmt() == avutil.AV_SAMPLE_FMT_S16) {
            converter = null;
        } else {
            SwrContext swr = new SwrContext(null);
            rc = swresample.swr_alloc_set_opts2(swr, decoder.ch_layout(), avutil.AV_SAMPLE_FMT_S16, rate,
                    decoder.ch_layout(), decoder.sample_fmt(), rate, 0, null);
            if (rc < 0 || swresample.swr_init(swr) < 0) {
                throw new MediaFileException(path, MediaFileException.Reason.CORRUPT, "cannot convert its samples");
            }
            converter = swr;
        }
    }

    @Override
    void feed(AVPacket packet) throws MediaFileException {
        int rc = avcodec.avcodec_send_packet(decoder, packet);
        if (rc < 0 && rc != avutil.AVERROR_EAGAIN()) {
            throw new MediaFileException(path, MediaFileException.Reason.CORRUPT, "undecodable audio (" + rc + ")");
        }
        receive();
    }

    private void receive() {
        while (avcodec.avcodec_receive_frame(decoder, frame) == 0) {
            if (firstUs == Long.MIN_VALUE) {
                long ts = frame.best_effort_timestamp();
                firstUs = ts == avutil.AV_NOPTS_VALUE ? 0 : avutil.av_rescale_q(ts, timeBase, MICROS) - startUs;
                emittedSamples = 0;
            }
            int samples = frame.nb_samples();
            int bytes = samples * bytesPerSample;
            byte[] buf = room(bytes);
            if (converter == null) {
                frame.data(0).get(buf, writePos, bytes);
            } else {
                if (convertedCapacity < bytes) {
                    if (converted != null) {
                        avutil.av_free(converted);
                    }
                    converted = new BytePointer(avutil.av_malloc(bytes));
                    convertedCapacity = bytes;
                    outPlanes.put(0, converted);
                }
                int n = swresample.swr_convert(converter, outPlanes, samples, frame.extended_data(), samples);
                bytes = Math.max(0, n) * bytesPerSample;
                converted.get(buf, writePos, bytes);
            }
            writePos += bytes;
            avutil.av_frame_unref(frame);
        }
    }

    // Space for `bytes` more at writePos, moving unread bytes to the front first.
    private byte[] room(int bytes) {
        if (readPos > 0) {
            System.arraycopy(pcm, readPos, pcm, 0, writePos - readPos);
            writePos -= readPos;
            readPos = 0;
        }
        if (pcm.length < writePos + bytes) {
            pcm = java.util.Arrays.copyOf(pcm, Math.max(writePos + bytes, pcm.length * 2));
        }
        return pcm;
    }

    @Override
    boolean poll(FileFrame out) {
        int available = writePos - readPos;
        int n = available >= frameBytes ? frameBytes : draining ? available : 0;
        if (n == 0) {
            return false;
        }
        System.arraycopy(pcm, readPos, out.buffer(n), 0, n);
        readPos += n;
        int samples = n / bytesPerSample;
        long us = firstUs + emittedSamples * 1_000_000L / rate;
        out.set(track, n, us, samples * 1_000_000L / rate, true);
        emittedSamples += samples;
        return true;
    }

    @Override
    void drain() {
        avcodec.avcodec_send_packet(decoder, null);
        receive();
        draining = true;
    }

    @Override
    void reset() {
        avcodec.avcodec_flush_buffers(decoder);
        readPos = 0;
        writePos = 0;
        firstUs = Long.MIN_VALUE;
        draining = false;
    }

    @Override
    public void close() {
        avutil.av_frame_free(frame);
        avcodec.avcodec_free_context(decoder);
        if (converter != null) {
            swresample.swr_free(converter);
        }
        if (converted != null) {
            avutil.av_free(converted);
        }
        outPlanes.close();
    }
}
