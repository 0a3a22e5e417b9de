package org.webims.media.codec;

import org.webims.media.video.I420Picture;

/**
 * The part every native {@link VideoEncoder} shares: its {@link VideoEncoderConfig}, the target
 * bitrate, the pending key-frame request, the picture-size check and close-once. A back-end
 * supplies the encoding, the bitrate change and the release of its native state.
 */
public abstract class ConfiguredVideoEncoder implements VideoEncoder {

    /** The lowest target bitrate an encoder takes, as {@link VideoEncoderConfig} does. */
    protected static final int MIN_BITRATE_BPS = 10_000;

    protected final VideoEncoderConfig config;
    private int bitrate;
    private boolean keyFrameRequested;
    private boolean closed;

    protected ConfiguredVideoEncoder(VideoEncoderConfig config) {
        this.config = config;
        this.bitrate = config.bitrateBps();
    }

    /** Refuses a closed encoder and a picture of another size than the encoder's. */
    protected final void checkPicture(I420Picture picture) throws VideoCodecException {
        if (closed) {
            throw new VideoCodecException("encoder closed");
        }
        if (picture.width() != config.width() || picture.height() != config.height()) {
            throw new VideoCodecException("picture " + picture.width() + "x" + picture.height()
                    + " is not the encoder's " + config.width() + "x" + config.height());
        }
    }

    /** Whether this picture is to be a key frame; clears the request. */
    protected final boolean takeKeyFrameRequest() {
        boolean requested = keyFrameRequested;
        keyFrameRequested = false;
        return requested;
    }

    /** Fills {@code out} with the {@code length} bytes the back-end wrote, or clears it when there are none. */
    protected final boolean finish(EncodedVideoFrame out, int length, boolean key, I420Picture picture) {
        if (length == 0) {
            out.clear();
            return false;
        }
        out.set(length, key, picture.timestamp(), config.width(), config.height());
        return true;
    }

    /** The back-end's bitrate change; returns the bitrate it now targets (it may cap the request). */
    protected abstract int applyBitrate(int bitsPerSecond) throws VideoCodecException;

    /** Frees the native encoder and its memory; called once. */
    protected abstract void release();

    @Override
    public final void requestKeyFrame() {
        keyFrameRequested = true;
    }

    @Override
    public final void setTargetBitrate(int bitsPerSecond) throws VideoCodecException {
        if (closed) {
            throw new VideoCodecException("encoder closed");
        }
        if (bitsPerSecond < MIN_BITRATE_BPS) {
            throw new VideoCodecException("bitrate " + bitsPerSecond + " bps below 10 kbit/s");
        }
        bitrate = applyBitrate(bitsPerSecond);
    }

    /** Sets what {@link #targetBitrate} reports: for a back-end that starts below the configured bitrate
     * (an H.264 level's cap) or re-opens at the new one before {@link #applyBitrate} returns. */
    protected final void recordBitrate(int bitsPerSecond) {
        bitrate = bitsPerSecond;
    }

    @Override
    public final int targetBitrate() {
        return bitrate;
    }

    @Override
    public final int width() {
        return config.width();
    }

    @Override
    public final int height() {
        return config.height();
    }

    @Override
    public final VideoCodecType codec() {
        return config.codec();
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }
}
