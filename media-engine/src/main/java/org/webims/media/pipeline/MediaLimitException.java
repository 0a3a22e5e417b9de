package org.webims.media.pipeline;

/** A configured limit (pipelines, elements per pipeline) would be exceeded. */
public final class MediaLimitException extends RuntimeException {
    public MediaLimitException(String message) {
        super(message);
    }
}
