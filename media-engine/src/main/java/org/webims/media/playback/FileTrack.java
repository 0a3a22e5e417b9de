package org.webims.media.playback;

import org.webims.media.pipeline.MediaType;
import org.webims.media.recording.TrackCodec;

/**
 * A playable track of a file: what its frames hold and their clock (48000 for Opus, 16000 for
 * AMR-WB, 90000 for video, the sample rate for PCM). Video size as the container declares it.
 */
public record FileTrack(int index, TrackCodec codec, int clockRate, int channels, int width, int height) {

    public MediaType mediaType() { return codec.mediaType(); }
}
