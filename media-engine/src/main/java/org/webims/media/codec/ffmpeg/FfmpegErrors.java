package org.webims.media.codec.ffmpeg;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg error codes we branch on, and their text for exception messages (error path only). */
final class FfmpegErrors {

    /** AVERROR(EAGAIN) on Linux: the codec wants more input / has no output yet. */
    static final int EAGAIN = -11;

    private FfmpegErrors() {
    }

    static String describe(int error) {
        byte[] text = new byte[128];
        avutil.av_strerror(error, text, text.length);
        int n = 0;
        while (n < text.length && text[n] != 0) {
            n++;
        }
        return new String(text, 0, n, java.nio.charset.StandardCharsets.US_ASCII) + " (" + error + ")";
    }
}
