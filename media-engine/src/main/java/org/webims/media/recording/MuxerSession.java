package org.webims.media.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.webims.media.pipeline.MediaType;

/**
 * One output file in FFmpeg: opened at once (so a missing folder shows before any media), header
 * written when the first frame that can start the file arrives, packets interleaved by FFmpeg,
 * and a forced flush of the open cluster or fragment every time {@link #flush} is called.
 * Writer thread only.
 */
final class MuxerSession implements AutoCloseable {

    private static final AVRational MICROS = avutil.av_make_q(1, 1_000_000);
    // Fragments cut on keyframes and at least every second: a killed process loses at most the
    // open fragment (ISO 14496-12 §8.8 movie fragments; moov written empty up front).
    private static final String MOVFLAGS = "frag_keyframe+empty_moov+default_base_moof";

    private final Path path;
    private final ContainerProfile profile;
    private final List<TrackSpec> tracks;
    private final AVFormatContext context;
    private final AVStream[] streams;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private AacPcmEncoder aac;
    private boolean headerWritten;
    private boolean hasMedia;

    MuxerSession(Path path, ContainerProfile profile, List<TrackSpec> tracks) throws MuxException {
        this.path = path;
        this.profile = profile;
        this.tracks = tracks;
        this.streams = new AVStream[tracks.size()];
        Path folder = path.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new MuxException(RecordingFailure.FOLDER_MISSING, "folder " + folder + " does not exist");
        }
        TrackCodec audio = tracks.stream().filter(t -> t.mediaType() == MediaType.AUDIO)
                .map(TrackSpec::codec).findFirst().orElse(null);
        AVFormatContext oc = new AVFormatContext(null);
        String muxer = profile.muxerName(audio);
        int rc = avformat.avformat_alloc_output_context2(oc, null, muxer, path.toString());
        if (rc < 0 || oc.isNull()) {
            throw MuxException.muxer("no " + muxer + " muxer", rc);
        }
        context = oc;
        AVIOContext pb = new AVIOContext(null);
        rc = avformat.avio_open(pb, path.toString(), avformat.AVIO_FLAG_WRITE);
        if (rc < 0) {
            avformat.avformat_free_context(context);
            throw MuxException.io("cannot create " + path, rc);
        }
        context.pb(pb);
    }

    boolean headerWritten() { return headerWritten; }

    /** Whether a header went out at some point: the file holds media. */
    boolean hasMedia() { return hasMedia; }

    /**
     * Declares the streams and writes the file header. {@code videoSize} and {@code h264Config}
     * (Annex-B SPS and PPS) come from the first video keyframe, or null without video.
     */
    void writeHeader(int[] videoSize, byte[] h264Config) throws MuxException {
        for (int i = 0; i < tracks.size(); i++) {
            TrackSpec spec = tracks.get(i);
            AVStream st = avformat.avformat_new_stream(context, null);
            streams[i] = st;
            AVCodecParameters par = st.codecpar();
            switch (spec.codec()) {
                case AAC -> {
                    aac = new AacPcmEncoder(spec.sampleRate(), spec.channels());
                    avcodec.avcodec_parameters_from_context(par, aac.context());
                    st.time_base(avutil.av_make_q(1, spec.sampleRate()));
                }
                case OPUS, AMR_WB -> {
                    par.codec_type(avutil.AVMEDIA_TYPE_AUDIO);
                    par.codec_id(spec.codec().ffmpegId());
                    par.sample_rate(spec.sampleRate());
                    avutil.av_channel_layout_default(par.ch_layout(), spec.channels());
                    if (spec.codec() == TrackCodec.OPUS) {
                        setExtradata(par, opusHead(spec.channels()));
                    }
                    st.time_base(avutil.av_make_q(1, spec.sampleRate()));
                }
                case VP8, H264 -> {
                    par.codec_type(avutil.AVMEDIA_TYPE_VIDEO);
                    par.codec_id(spec.codec().ffmpegId());
                    par.width(videoSize[0]);
                    par.height(videoSize[1]);
                    if (spec.codec() == TrackCodec.H264) {
                        setExtradata(par, h264Config);
                    }
                    st.time_base(avutil.av_make_q(1, 90_000));
                }
                default -> throw new MuxException(RecordingFailure.MUXER_ERROR, "cannot record " + spec.codec());
            }
        }
        // Hold interleaving back at most 1 s when one track stalls (default 10 s).
        context.max_interleave_delta(1_000_000);
        AVDictionary options = new AVDictionary(null);
        if (profile == ContainerProfile.MP4) {
            avutil.av_dict_set(options, "movflags", MOVFLAGS, 0);
            avutil.av_dict_set(options, "frag_duration", "1000000", 0);
        } else {
            avutil.av_dict_set(options, "cluster_time_limit", "1000", 0);
        }
        int rc = avformat.avformat_write_header(context, options);
        avutil.av_dict_free(options);
        if (rc < 0) {
            throw failure("cannot write the header of " + path, rc);
        }
        headerWritten = true;
        hasMedia = true;
    }

    /** One encoded frame at {@code ptsUs} of the file. */
    void write(int track, byte[] data, int offset, int length, long ptsUs, long durationUs, boolean keyframe)
            throws MuxException {
        int rc = avcodec.av_new_packet(packet, length);
        if (rc < 0) {
            throw MuxException.muxer("out of memory for a packet", rc);
        }
        packet.data().put(data, offset, length);
        AVRational tb = streams[track].time_base();
        long pts = avutil.av_rescale_q(ptsUs, MICROS, tb);
        packet.pts(pts);
        packet.dts(pts);
        packet.duration(avutil.av_rescale_q(durationUs, MICROS, tb));
        packet.stream_index(track);
        packet.flags(keyframe ? avcodec.AV_PKT_FLAG_KEY : 0);
        interleave();
    }

    /** PCM for the AAC track, its first sample at {@code ptsUs} of the file. */
    void writePcm(int track, byte[] pcm, int offset, int length, long ptsUs) throws MuxException {
        long startSample = avutil.av_rescale_q(ptsUs, MICROS, aac.context().time_base());
        aac.encode(pcm, offset, length, startSample, (p, tb) -> writeEncoded(track, p, tb));
    }

    private void writeEncoded(int track, AVPacket encoded, AVRational tb) throws MuxException {
        avcodec.av_packet_rescale_ts(encoded, tb, streams[track].time_base());
        encoded.stream_index(track);
        avcodec.av_packet_ref(packet, encoded);
        interleave();
    }

    private void interleave() throws MuxException {
        int rc = avformat.av_interleaved_write_frame(context, packet);
        if (rc < 0) {
            throw failure("cannot write to " + path, rc);
        }
    }

    /** Closes the open cluster or fragment and pushes every byte to the file. */
    void flush() throws MuxException {
        if (headerWritten) {
            int rc = avformat.av_write_frame(context, null);
            if (rc < 0) {
                throw failure("cannot write to " + path, rc);
            }
        }
        avformat.avio_flush(context.pb());
        int error = context.pb().error();
        if (error < 0) {
            throw MuxException.io("cannot write to " + path, error);
        }
    }

    /** Drains the AAC encoder and writes the index (cues, mfra) and durations. */
    void finish() throws MuxException {
        if (!headerWritten) {
            return;
        }
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).codec() == TrackCodec.AAC) {
                int track = i;
                aac.finish((p, tb) -> writeEncoded(track, p, tb));
            }
        }
        int rc = avformat.av_write_trailer(context);
        headerWritten = false; // the muxer is torn down: no flush packet may follow
        if (rc < 0) {
            throw failure("cannot finish " + path, rc);
        }
        flush();
    }

    // A write error: the I/O error FFmpeg saw on the file if any, else the muxer's own.
    private MuxException failure(String what, int rc) {
        int ioError = context.pb() == null ? 0 : context.pb().error();
        if (ioError < 0) {
            return MuxException.io(what, ioError);
        }
        boolean fileError = rc == -5 || MuxException.reasonOf(rc) != RecordingFailure.IO_ERROR; // -EIO
        return fileError ? MuxException.io(what, rc) : MuxException.muxer(what, rc);
    }

    @Override
    public void close() {
        if (aac != null) {
            aac.close();
        }
        avcodec.av_packet_free(packet);
        avformat.avio_closep(context.pb());
        avformat.avformat_free_context(context);
    }

    private static void setExtradata(AVCodecParameters par, byte[] bytes) {
        BytePointer data = new BytePointer(avutil.av_mallocz(bytes.length + avcodec.AV_INPUT_BUFFER_PADDING_SIZE));
        data.put(bytes, 0, bytes.length);
        par.extradata(data);
        par.extradata_size(bytes.length);
    }

    /**
     * RFC 7845 §5.1 identification header. Pre-skip 0: the file starts mid-stream of a live
     * encoder, so there is no encoder delay at its start to skip.
     */
    static byte[] opusHead(int channels) {
        byte[] h = new byte[19];
        System.arraycopy("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, h, 0, 8);
        h[8] = 1;
        h[9] = (byte) channels;
        int rate = 48_000;
        h[12] = (byte) rate;
        h[13] = (byte) (rate >> 8);
        h[14] = (byte) (rate >> 16);
        h[15] = (byte) (rate >> 24);
        return h;
    }
}
