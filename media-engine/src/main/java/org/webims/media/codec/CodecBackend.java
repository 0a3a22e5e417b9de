package org.webims.media.codec;

/** Where the audio codec implementations come from. */
public enum CodecBackend {
    /** Debian's shared libraries (libopus, opencore-amrwb, vo-amrwbenc) called through JNA: the fast path. */
    SYSTEM,
    /** The FFmpeg build bundled in org.bytedeco:ffmpeg (libopus, libopencore_amrwb, libvo_amrwbenc inside it). */
    BUNDLED;

    /** Parses a {@code webims.codec.backend} value ({@code system} or {@code bundled}, any case). */
    public static CodecBackend parse(String value) {
        for (CodecBackend b : values()) {
            if (b.name().equalsIgnoreCase(value.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("codec back-end must be 'system' or 'bundled', got '" + value + "'");
    }
}
