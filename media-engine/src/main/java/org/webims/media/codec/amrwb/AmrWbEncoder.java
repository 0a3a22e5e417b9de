package org.webims.media.codec.amrwb;

import org.webims.media.codec.AudioEncoder;

/**
 * AMR-WB encoder: 16 kHz mono, 20 ms frames (320 samples). {@link #encode} writes one frame in the
 * storage format described in {@link AmrWbFrames} (RFC 4867 §5.3): a speech frame of the current
 * mode, with DTX on a SID frame (FT 9) or a one-octet NO_DATA frame (FT 15) during silence.
 */
public interface AmrWbEncoder extends AudioEncoder {

    @Override
    default int sampleRate() {
        return AmrWbFrames.SAMPLE_RATE;
    }

    @Override
    default int frameSamples() {
        return AmrWbFrames.FRAME_SAMPLES;
    }

    @Override
    default int maxEncodedBytes() {
        return AmrWbFrames.MAX_FRAME_BYTES;
    }

    /** Speech mode 0..8 (6.60..23.85 kbit/s), e.g. from a received CMR (RFC 4867 §4.3.1); applies from the next frame. */
    void setMode(int mode);

    int mode();
}
