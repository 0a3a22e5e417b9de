package org.webims.media.endpoint.player;

import org.webims.media.playback.MediaFileException;

/**
 * The {@code Error} event types a player raises, named as Kurento reports GStreamer's resource
 * and stream errors, so clients written for Kurento recognise them.
 */
final class PlayerErrors {

    private PlayerErrors() {
    }

    static String typeOf(MediaFileException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND, NOT_READABLE -> "RESOURCE_ERROR_OPEN";
            case UNRECOGNIZED_FORMAT -> "STREAM_ERROR_TYPE_NOT_FOUND";
            case CORRUPT -> "STREAM_ERROR_DEMUX";
            case NO_PLAYABLE_TRACK -> "STREAM_ERROR_CODEC_NOT_FOUND";
            case SEEK_FAILED -> "RESOURCE_ERROR_SEEK";
        };
    }
}
