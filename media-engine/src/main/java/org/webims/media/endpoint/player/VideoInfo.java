package org.webims.media.endpoint.player;

/**
 * Kurento's {@code VideoInfo} of a played file: whether {@code setPosition} works, the range it
 * takes and the duration, in milliseconds.
 */
public record VideoInfo(boolean isSeekable, long seekableInit, long seekableEnd, long duration) {
}
