package org.webims.media.recording;

import java.io.ByteArrayOutputStream;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParserContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * What a file header needs from the first video keyframe: the picture size and, for H.264, the
 * parameter sets. Runs once per file on the writer thread.
 */
final class VideoKeyframes {

    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private VideoKeyframes() {
    }

    /** Width and height from a VP8 key frame header (RFC 6386 §9.1), or null if not one. */
    static int[] vp8Size(byte[] d, int off, int len) {
        if (len < 10 || (d[off] & 1) != 0
                || (d[off + 3] & 0xff) != 0x9d || (d[off + 4] & 0xff) != 0x01 || (d[off + 5] & 0xff) != 0x2a) {
            return null;
        }
        int w = ((d[off + 6] & 0xff) | (d[off + 7] & 0xff) << 8) & 0x3fff;
        int h = ((d[off + 8] & 0xff) | (d[off + 9] & 0xff) << 8) & 0x3fff;
        return w > 0 && h > 0 ? new int[] {w, h} : null;
    }

    /**
     * The SPS and PPS NAL units of an Annex-B access unit (RFC 6184 §1.3 / H.264 Annex B), each
     * behind a 4-byte start code: the extradata FFmpeg turns into an avcC box. Null if either is
     * missing.
     */
    static byte[] h264ParameterSets(byte[] d, int off, int len) {
        ByteArrayOutputStream sps = new ByteArrayOutputStream();
        ByteArrayOutputStream pps = new ByteArrayOutputStream();
        int end = off + len;
        int start = nextNal(d, off, end);
        while (start >= 0 && start < end) {
            int next = nextStartCode(d, start, end);
            int nalEnd = next < 0 ? end : next;
            while (nalEnd > start && d[nalEnd - 1] == 0) {
                nalEnd--;
            }
            int type = d[start] & 0x1f;
            ByteArrayOutputStream to = type == NAL_SPS ? sps : type == NAL_PPS ? pps : null;
            if (to != null && nalEnd > start) {
                to.write(0);
                to.write(0);
                to.write(0);
                to.write(1);
                to.write(d, start, nalEnd - start);
            }
            start = next < 0 ? -1 : nextNal(d, next, end);
        }
        if (sps.size() == 0 || pps.size() == 0) {
            return null;
        }
        sps.writeBytes(pps.toByteArray());
        return sps.toByteArray();
    }

    /** Picture size from the SPS in an H.264 access unit, by FFmpeg's parser; null if none. */
    static int[] h264Size(byte[] d, int off, int len) {
        AVCodecParserContext parser = avcodec.av_parser_init(avcodec.AV_CODEC_ID_H264);
        AVCodecContext context = avcodec.avcodec_alloc_context3(null);
        BytePointer in = new BytePointer(avutil.av_mallocz(len + avcodec.AV_INPUT_BUFFER_PADDING_SIZE));
        try (PointerPointer<BytePointer> out = new PointerPointer<>(1); IntPointer outSize = new IntPointer(1)) {
            if (parser == null || context == null || in.isNull()) {
                return null;
            }
            parser.flags(parser.flags() | AVCodecParserContext.PARSER_FLAG_COMPLETE_FRAMES);
            in.put(d, off, len);
            avcodec.av_parser_parse2(parser, context, out, outSize, in, len,
                    avutil.AV_NOPTS_VALUE, avutil.AV_NOPTS_VALUE, 0);
            int w = parser.width();
            int h = parser.height();
            return w > 0 && h > 0 ? new int[] {w, h} : null;
        } finally {
            if (parser != null) {
                avcodec.av_parser_close(parser);
            }
            avcodec.avcodec_free_context(context);
            avutil.av_free(in);
        }
    }

    // Index of the first byte after the start code at or after p, or -1.
    private static int nextNal(byte[] d, int p, int end) {
        int sc = nextStartCode(d, p, end);
        if (sc < 0) {
            return -1;
        }
        while (d[sc] == 0) {
            sc++;
        }
        return sc + 1;
    }

    // Index of the first zero of the next 00 00 01 at or after p, or -1.
    private static int nextStartCode(byte[] d, int p, int end) {
        for (int i = p; i + 2 < end; i++) {
            if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }
}
