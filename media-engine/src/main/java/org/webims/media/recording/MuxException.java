package org.webims.media.recording;

/** A failure inside the writer thread, with the reason the listener will hear. */
final class MuxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RecordingFailure reason;

    MuxException(RecordingFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    RecordingFailure reason() { return reason; }

    /** An FFmpeg error code on the file as a failure: errno values name the cause. */
    static MuxException io(String what, int averror) {
        return new MuxException(reasonOf(averror), what + ": " + text(averror));
    }

    static MuxException muxer(String what, int averror) {
        return new MuxException(RecordingFailure.MUXER_ERROR, what + ": " + text(averror));
    }

    static RecordingFailure reasonOf(int averror) {
        return switch (-averror) {
            case 2 -> RecordingFailure.FOLDER_MISSING;          // ENOENT
            case 1, 13, 30 -> RecordingFailure.PERMISSION_DENIED; // EPERM, EACCES, EROFS
            case 28, 122 -> RecordingFailure.DISK_FULL;          // ENOSPC, EDQUOT
            default -> RecordingFailure.IO_ERROR;
        };
    }

    static String text(int averror) {
        return FfmpegErrors.describe(averror);
    }
}
