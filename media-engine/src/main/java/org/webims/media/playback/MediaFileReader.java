package org.webims.media.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.webims.media.recording.FfmpegErrors;
import org.webims.media.recording.TrackCodec;

/**
 * Reads a media file (WebM, MP4, MKV, WAV, whatever FFmpeg demuxes) as frames per track, in
 * file order, as fast as asked; {@link PlaybackPacer} paces them in real time. Opus, AMR-WB,
 * VP8 and H.264 come out encoded (H.264 as Annex-B); any other audio comes out decoded as 20 ms
 * of 16-bit PCM ({@link TrackCodec#PCM_S16}). Other streams are skipped. Not thread-safe.
 */
public final class MediaFileReader implements AutoCloseable {

    private final Path path;
    private final AVFormatContext context;
    private final StreamReader[] byStream;
    private final List<FileTrack> tracks;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final long startUs;
    private StreamReader current;
    private boolean endOfFile;
    private int drained;

    private MediaFileReader(Path path, AVFormatContext context) throws MediaFileException {
        this.path = path;
        this.context = context;
        this.startUs = context.start_time() == avutil.AV_NOPTS_VALUE ? 0 : context.start_time();
        int n = context.nb_streams();
        byStream = new StreamReader[n];
        List<FileTrack> found = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                AVStream st = context.streams(i);
                FileTrack track = trackOf(found.size(), st.codecpar());
                if (track == null) {
                    continue;
                }
                byStream[i] = track.codec() == TrackCodec.PCM_S16
                        ? new PcmStreamReader(path, track, st, startUs)
                        : new EncodedStreamReader(path, track, st, startUs);
                found.add(track);
            }
        } catch (MediaFileException e) {
            close();
            throw e;
        }
        if (found.isEmpty()) {
            close();
            throw new MediaFileException(path, MediaFileException.Reason.NO_PLAYABLE_TRACK,
                    "no audio or video track among " + n + " streams");
        }
        tracks = List.copyOf(found);
    }

    /** Opens and probes a file; a missing, unreadable or damaged file gives a typed error. */
    public static MediaFileReader open(Path path) throws MediaFileException {
        if (!Files.exists(path)) {
            throw new MediaFileException(path, MediaFileException.Reason.NOT_FOUND, "no such file");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new MediaFileException(path, MediaFileException.Reason.NOT_READABLE, "not a readable file");
        }
        AVFormatContext ctx = new AVFormatContext(null);
        int rc = avformat.avformat_open_input(ctx, path.toString(), null, (AVDictionary) null);
        if (rc < 0) {
            throw new MediaFileException(path, MediaFileException.Reason.UNRECOGNIZED_FORMAT, error(rc));
        }
        rc = avformat.avformat_find_stream_info(ctx, (AVDictionary) null);
        if (rc < 0) {
            avformat.avformat_close_input(ctx);
            throw new MediaFileException(path, MediaFileException.Reason.CORRUPT, error(rc));
        }
        return new MediaFileReader(path, ctx);
    }

    public Path path() { return path; }

    public List<FileTrack> tracks() { return tracks; }

    /** The file's duration in milliseconds, or -1 if the file does not say. */
    public long durationMs() {
        long d = context.duration();
        return d == avutil.AV_NOPTS_VALUE ? -1 : d / 1000;
    }

    /**
     * Fills {@code out} with the next frame of any track; false at the end of the file. A
     * damaged packet gives {@link MediaFileException.Reason#CORRUPT}.
     */
    public boolean readFrame(FileFrame out) throws MediaFileException {
        while (true) {
            if (current != null && current.poll(out)) {
                return true;
            }
            current = null;
            if (endOfFile) {
                // Drain the readers one after the other, then stop.
                while (drained < byStream.length) {
                    StreamReader r = byStream[drained++];
                    if (r != null) {
                        r.drain();
                        current = r;
                        break;
                    }
                }
                if (current == null) {
                    return false;
                }
                continue;
            }
            int rc = avformat.av_read_frame(context, packet);
            if (rc == avutil.AVERROR_EOF) {
                endOfFile = true;
                continue;
            }
            if (rc < 0) {
                throw new MediaFileException(path, MediaFileException.Reason.CORRUPT, error(rc));
            }
            StreamReader r = packet.stream_index() < byStream.length ? byStream[packet.stream_index()] : null;
            try {
                if (r != null) {
                    r.feed(packet);
                    current = r;
                }
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    /**
     * Moves to the keyframe at or before {@code ms} (Kurento's {@code setPosition}); frames from
     * there on follow, with their own file times.
     */
    public void setPosition(long ms) throws MediaFileException {
        long target = startUs + Math.max(0, ms) * 1000;
        int rc = avformat.av_seek_frame(context, -1, target, avformat.AVSEEK_FLAG_BACKWARD);
        if (rc < 0) {
            throw new MediaFileException(path, MediaFileException.Reason.SEEK_FAILED, "to " + ms + " ms: " + error(rc));
        }
        for (StreamReader r : byStream) {
            if (r != null) {
                r.reset();
            }
        }
        current = null;
        endOfFile = false;
        drained = 0;
    }

    @Override
    public void close() {
        for (int i = 0; i < byStream.length; i++) {
            if (byStream[i] != null) {
                byStream[i].close();
                byStream[i] = null;
            }
        }
        avcodec.av_packet_free(packet);
        avformat.avformat_close_input(context);
    }

    private static FileTrack trackOf(int index, AVCodecParameters par) {
        int type = par.codec_type();
        int id = par.codec_id();
        if (type == avutil.AVMEDIA_TYPE_VIDEO) {
            TrackCodec codec = id == avcodec.AV_CODEC_ID_VP8 ? TrackCodec.VP8
                    : id == avcodec.AV_CODEC_ID_H264 ? TrackCodec.H264 : null;
            return codec == null ? null : new FileTrack(index, codec, 90_000, 1, par.width(), par.height());
        }
        if (type != avutil.AVMEDIA_TYPE_AUDIO) {
            return null;
        }
        int channels = Math.max(1, par.ch_layout().nb_channels());
        if (id == avcodec.AV_CODEC_ID_OPUS) {
            return new FileTrack(index, TrackCodec.OPUS, 48_000, channels, 0, 0);
        }
        if (id == avcodec.AV_CODEC_ID_AMR_WB) {
            return new FileTrack(index, TrackCodec.AMR_WB, 16_000, 1, 0, 0);
        }
        return par.sample_rate() > 0 ? new FileTrack(index, TrackCodec.PCM_S16, par.sample_rate(), channels, 0, 0) : null;
    }

    private static String error(int averror) {
        return FfmpegErrors.describe(averror);
    }
}
