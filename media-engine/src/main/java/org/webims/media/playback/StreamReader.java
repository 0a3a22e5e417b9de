package org.webims.media.playback;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** Turns the packets of one stream into frames; a packet may give zero, one or many. */
abstract class StreamReader implements AutoCloseable {

    final FileTrack track;

    StreamReader(FileTrack track) {
        this.track = track;
    }

    /** Takes a demuxed packet (the caller unrefs it afterwards). */
    abstract void feed(AVPacket packet) throws MediaFileException;

    /** The next frame from what was fed, or false when it needs more. */
    abstract boolean poll(FileFrame out) throws MediaFileException;

    /** End of file: lets buffered frames out through {@link #poll}. */
    abstract void drain() throws MediaFileException;

    /** Forgets buffered state after a seek. */
    abstract void reset();

    @Override
    public abstract void close();
}
