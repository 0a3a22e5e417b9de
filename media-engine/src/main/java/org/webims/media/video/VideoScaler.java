package org.webims.media.video;

import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Resizes I420 pictures from one fixed size to another with FFmpeg's swscale (area averaging
 * when shrinking, which keeps fine detail from aliasing; bilinear when growing). Holds native
 * state: close it. Not thread-safe; no allocation per {@link #scale} call.
 */
public final class VideoScaler implements AutoCloseable {

    private final int sourceWidth;
    private final int sourceHeight;
    private final int targetWidth;
    private final int targetHeight;
    private final PointerPointer<?> sourcePlanes = new PointerPointer<>(4);
    private final PointerPointer<?> targetPlanes = new PointerPointer<>(4);
    private final IntPointer sourceStrides = new IntPointer(4);
    private final IntPointer targetStrides = new IntPointer(4);
    private SwsContext context;

    public VideoScaler(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.targetWidth = targetWidth;
        this.targetHeight = targetHeight;
        boolean shrinking = (long) targetWidth * targetHeight < (long) sourceWidth * sourceHeight;
        context = sws_getContext(sourceWidth, sourceHeight, avutil.AV_PIX_FMT_YUV420P,
                targetWidth, targetHeight, avutil.AV_PIX_FMT_YUV420P,
                shrinking ? SWS_AREA : SWS_BILINEAR, null, null, (DoublePointer) null);
        if (context == null || context.isNull()) {
            throw new IllegalArgumentException("swscale cannot scale " + sourceWidth + "x" + sourceHeight
                    + " to " + targetWidth + "x" + targetHeight);
        }
    }

    /**
     * Scales {@code source} (which must have the scaler's source size) into {@code target}
     * (resized to the target size; its capacity must allow it).
     */
    public void scale(I420Picture source, I420Picture target) {
        if (context == null) {
            throw new IllegalStateException("scaler closed");
        }
        if (source.width() != sourceWidth || source.height() != sourceHeight) {
            throw new IllegalArgumentException("source " + source.width() + "x" + source.height()
                    + " is not the scaler's " + sourceWidth + "x" + sourceHeight);
        }
        target.resize(targetWidth, targetHeight);
        for (int p = 0; p < 3; p++) {
            sourcePlanes.put(p, source.pointer(p));
            targetPlanes.put(p, target.pointer(p));
            sourceStrides.put(p, source.stride(p));
            targetStrides.put(p, target.stride(p));
        }
        sws_scale(context, sourcePlanes, sourceStrides, 0, sourceHeight, targetPlanes, targetStrides);
        target.timestamp(source.timestamp());
    }

    public int targetWidth() {
        return targetWidth;
    }

    public int targetHeight() {
        return targetHeight;
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
            sourcePlanes.close();
            targetPlanes.close();
            sourceStrides.close();
            targetStrides.close();
        }
    }
}
