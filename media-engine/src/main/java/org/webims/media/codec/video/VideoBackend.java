package org.webims.media.codec.video;

import java.util.Locale;

/**
 * Where the video encoders come from. {@link #SYSTEM}: the distribution's libvpx and openh264
 * (Debian ships them built with their assembly; openh264 there encodes about three times faster
 * than the bundled build), bound with JNA. {@link #BUNDLED}: the codecs inside the bytedeco FFmpeg
 * jar, always present. Decoding uses FFmpeg's own VP8 and H.264 decoders in both cases (see
 * {@link FfmpegVideoDecoder}).
 */
public enum VideoBackend {
    SYSTEM,
    BUNDLED;

    /** The system property that forces a back-end: {@code webims.video.backend=system|bundled}. */
    public static final String PROPERTY = "webims.video.backend";

    /** The back-end named by {@link #PROPERTY}, or null when it is unset. */
    public static VideoBackend forced() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + value + ": expected system or bundled", e);
        }
    }
}
