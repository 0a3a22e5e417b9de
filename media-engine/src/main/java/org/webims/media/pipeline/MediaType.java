package org.webims.media.pipeline;

/** The kinds of media a pad carries; Kurento's {@code MediaType} without DATA. */
public enum MediaType {
    AUDIO,
    VIDEO
}
