package org.webims.media.recording;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's text for its negative error codes, for messages people read. */
public final class FfmpegErrors {

    private FfmpegErrors() {
    }

    /** {@code av_strerror} text and the code, e.g. "No such file or directory (-2)". */
    public static String describe(int averror) {
        byte[] buf = new byte[256];
        avutil.av_strerror(averror, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8) + " (" + averror + ")";
    }
}
