package org.webims.media.playback;

/** Receives paced frames, on the pacer's scheduler thread. */
public interface PlaybackSink {

    /** The frame is valid only during the call: copy what you keep. */
    void frame(FileFrame frame);

    /** The file ended (and looping is off). */
    void endOfStream();

    /** Reading failed; playback stopped. */
    void failed(MediaFileException error);
}
