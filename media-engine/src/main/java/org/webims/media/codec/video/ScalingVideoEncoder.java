package org.webims.media.codec.video;

import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.video.I420Picture;
import org.webims.media.video.VideoScaler;

/**
 * Lets an encoder take pictures of any size: those not of the encoder's size are scaled to it
 * first (the scaler and its picture are rebuilt only when the input size changes). This is how a
 * 720p source reaches an H.264 peer whose level stops at 360p.
 */
public final class ScalingVideoEncoder implements VideoEncoder {

    private final VideoEncoder encoder;
    private VideoScaler scaler;
    private I420Picture scaled;
    private int sourceWidth;
    private int sourceHeight;
    private boolean closed;

    public ScalingVideoEncoder(VideoEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public boolean encode(I420Picture picture, EncodedVideoFrame out) throws VideoCodecException {
        if (picture.width() == encoder.width() && picture.height() == encoder.height()) {
            return encoder.encode(picture, out);
        }
        if (scaler == null || picture.width() != sourceWidth || picture.height() != sourceHeight) {
            if (scaler != null) {
                scaler.close();
            }
            scaler = new VideoScaler(picture.width(), picture.height(), encoder.width(), encoder.height());
            sourceWidth = picture.width();
            sourceHeight = picture.height();
            if (scaled == null) {
                scaled = I420Picture.allocate(encoder.width(), encoder.height());
            }
        }
        scaler.scale(picture, scaled);
        return encoder.encode(scaled, out);
    }

    @Override
    public void requestKeyFrame() {
        encoder.requestKeyFrame();
    }

    @Override
    public void setTargetBitrate(int bitsPerSecond) throws VideoCodecException {
        encoder.setTargetBitrate(bitsPerSecond);
    }

    @Override
    public int targetBitrate() {
        return encoder.targetBitrate();
    }

    @Override
    public int width() {
        return encoder.width();
    }

    @Override
    public int height() {
        return encoder.height();
    }

    @Override
    public VideoCodecType codec() {
        return encoder.codec();
    }

    @Override
    public String implementation() {
        return encoder.implementation();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (scaler != null) {
            scaler.close();
        }
        encoder.close();
    }
}
