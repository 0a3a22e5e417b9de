package org.webims.media.codec.amrwb;

/**
 * The speech-mode state both AMR-WB encoders keep: the mode, checked on the way in, and the
 * bitrate as the mode's rate (TS 26.201 Table 1a). A back-end that must hear of a change overrides
 * {@link #applyMode}.
 */
abstract class ModeSettingAmrWbEncoder implements AmrWbEncoder {

    private int mode;

    ModeSettingAmrWbEncoder(int mode) {
        AmrWbFrames.checkMode(mode);
        this.mode = mode;
    }

    /** Tells the back-end of a new mode; it applies from the next frame. */
    void applyMode(int mode) {
    }

    @Override
    public final void setMode(int mode) {
        AmrWbFrames.checkMode(mode);
        this.mode = mode;
        applyMode(mode);
    }

    @Override
    public final int mode() {
        return mode;
    }

    /** The highest mode not above the bitrate (AudioEncoder#setBitrate). */
    @Override
    public final void setBitrate(int bitsPerSecond) {
        setMode(AmrWbFrames.modeForBitrate(bitsPerSecond));
    }

    @Override
    public final int bitrate() {
        return AmrWbFrames.modeBitrate(mode);
    }
}
