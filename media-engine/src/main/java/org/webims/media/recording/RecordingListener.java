package org.webims.media.recording;

/**
 * Hears what a {@link MediaFileWriter} does. Called on the writer's own thread, never on the
 * thread that hands in frames; must not block for long.
 */
public interface RecordingListener {

    void stateChanged(RecordingState state);

    /** The recording stopped because of {@code reason}; {@link #stateChanged} STOPPED follows. */
    void failed(RecordingFailure reason, String description);

    /** The file waits for a video keyframe (start, resume): a good moment to send a PLI. */
    default void keyframeNeeded() {
    }
}
