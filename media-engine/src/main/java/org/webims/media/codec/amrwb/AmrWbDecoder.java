package org.webims.media.codec.amrwb;

import org.webims.media.codec.AudioDecoder;

/**
 * AMR-WB decoder: storage-format frames ({@link AmrWbFrames}, RFC 4867 §5.3) to 16 kHz mono PCM,
 * 320 samples per frame (also for SID and NO_DATA frames, which give comfort noise or concealment).
 * The frame's length is checked against its frame type before the native decoder sees it.
 */
public interface AmrWbDecoder extends AudioDecoder {

    @Override
    default int sampleRate() {
        return AmrWbFrames.SAMPLE_RATE;
    }

    @Override
    default int frameSamples() {
        return AmrWbFrames.FRAME_SAMPLES;
    }
}
