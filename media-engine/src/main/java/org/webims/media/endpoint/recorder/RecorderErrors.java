package org.webims.media.endpoint.recorder;

import org.webims.media.recording.RecordingFailure;

/**
 * The {@code Error} event types a recorder raises, named as Kurento reports GStreamer's resource
 * and stream errors, so clients written for Kurento recognise them.
 */
final class RecorderErrors {

    private RecorderErrors() {
    }

    static String typeOf(RecordingFailure failure) {
        return switch (failure) {
            case FOLDER_MISSING -> "RESOURCE_ERROR_OPEN";
            case PERMISSION_DENIED -> "RESOURCE_ERROR_NOT_AUTHORIZED";
            case DISK_FULL -> "RESOURCE_ERROR_NO_SPACE_LEFT";
            case IO_ERROR -> "RESOURCE_ERROR_WRITE";
            case MUXER_ERROR -> "STREAM_ERROR_MUX";
        };
    }
}
