package org.webims.media.playback;

import java.io.IOException;
import java.nio.file.Path;

/** A media file that cannot be played, with its path and why. */
public final class MediaFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a file cannot be played. */
    public enum Reason {
        NOT_FOUND,
        NOT_READABLE,
        /** Not a container FFmpeg recognises, or a header it cannot read. */
        UNRECOGNIZED_FORMAT,
        /** Recognised, but its data is damaged. */
        CORRUPT,
        /** No track in a codec the engine can play. */
        NO_PLAYABLE_TRACK,
        SEEK_FAILED
    }

    private final transient Path path;
    private final Reason reason;

    public MediaFileException(Path path, Reason reason, String detail) {
        super(path + ": " + reason + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.path = path;
        this.reason = reason;
    }

    public Path path() { return path; }

    public Reason reason() { return reason; }
}
