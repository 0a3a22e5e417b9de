package org.webims.media.recording;

/** Why a recording stopped on its own. */
public enum RecordingFailure {
    /** The folder the file goes into does not exist. */
    FOLDER_MISSING,
    /** The file may not be created or written. */
    PERMISSION_DENIED,
    /** The disk or quota is full. */
    DISK_FULL,
    /** Any other error of the file system. */
    IO_ERROR,
    /** FFmpeg refused a track or a frame (a bug or an unusable stream, not the disk). */
    MUXER_ERROR
}
