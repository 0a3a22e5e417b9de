package org.webims.media.playback;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVBitStreamFilter;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Frames passed through as the file holds them, except H.264 stored as avcC length-prefixed
 * NAL units (MP4, Matroska; ISO 14496-15 §5.3), which FFmpeg's {@code h264_mp4toannexb} turns
 * back into Annex-B with SPS/PPS in front of each IDR.
 */
final class EncodedStreamReader extends StreamReader {

    private static final AVRational MICROS = avutil.av_make_q(1, 1_000_000);

    private final Path path;
    private final AVRational timeBase;
    private final long startUs;
    private final AVPacket held = avcodec.av_packet_alloc();
    private final AVBSFContext annexB;
    private boolean holding;

    EncodedStreamReader(Path path, FileTrack track, AVStream stream, long startUs) throws MediaFileException {
        super(track);
        this.path = path;
        this.startUs = startUs;
        this.timeBase = stream.time_base();
        var par = stream.codecpar();
        boolean avcc = par.codec_id() == avcodec.AV_CODEC_ID_H264 && par.extradata_size() > 0
                && par.extradata().get(0) == 1;
        if (avcc) {
            AVBitStreamFilter filter = avcodec.av_bsf_get_by_name("h264_mp4toannexb");
            AVBSFContext bsf = new AVBSFContext(null);
            int rc = filter == null ? -1 : avcodec.av_bsf_alloc(filter, bsf);
            if (rc >= 0) {
                avcodec.avcodec_parameters_copy(bsf.par_in(), par);
                bsf.time_base_in(stream.time_base());
                rc = avcodec.av_bsf_init(bsf);
            }
            if (rc < 0) {
                throw new MediaFileException(path, MediaFileException.Reason.CORRUPT,
                        "H.264 parameter sets unreadable (" + rc + ")");
            }
            annexB = bsf;
        } else {
            annexB = null;
        }
    }

    @Override
    void feed(AVPacket packet) throws MediaFileException {
        if (annexB != null) {
            int rc = avcodec.av_bsf_send_packet(annexB, packet);
            if (rc < 0) {
                throw new MediaFileException(path, MediaFileException.Reason.CORRUPT, "bad H.264 packet (" + rc + ")");
            }
        } else {
            avcodec.av_packet_ref(held, packet);
            holding = true;
        }
    }

    @Override
    boolean poll(FileFrame out) {
        if (annexB != null) {
            if (avcodec.av_bsf_receive_packet(annexB, held) < 0) {
                return false;
            }
        } else if (!holding) {
            return false;
        }
        holding = false;
        int size = held.size();
        held.data().get(out.buffer(size), 0, size);
        long ts = held.pts() != avutil.AV_NOPTS_VALUE ? held.pts() : held.dts();
        long us = ts == avutil.AV_NOPTS_VALUE ? 0 : avutil.av_rescale_q(ts, timeBase, MICROS) - startUs;
        long dur = avutil.av_rescale_q(held.duration(), timeBase, MICROS);
        out.set(track, size, us, dur, (held.flags() & avcodec.AV_PKT_FLAG_KEY) != 0);
        avcodec.av_packet_unref(held);
        return true;
    }

    @Override
    void drain() {
        if (annexB != null) {
            avcodec.av_bsf_send_packet(annexB, null);
        }
    }

    @Override
    void reset() {
        avcodec.av_packet_unref(held);
        holding = false;
        if (annexB != null) {
            avcodec.av_bsf_flush(annexB);
        }
    }

    @Override
    public void close() {
        avcodec.av_packet_free(held);
        if (annexB != null) {
            avcodec.av_bsf_free(annexB);
        }
    }
}
