package org.webims.media.filter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.pipeline.UpstreamControl;

/**
 * Lays a text or an image over the video passing through (a caption, a logo, "recording").
 * Video reaches it decoded ({@link MediaFormat#i420}); each picture is copied into the
 * element's own buffer, blended, and pushed on; audio passes untouched. The overlay can be
 * changed at any time from any thread.
 */
public final class VideoOverlay extends MediaElement {

    private final SourcePad videoOut;
    private final MediaPacket out = new MediaPacket();
    private byte[] frame = new byte[0];
    private volatile Placement placement;

    private record Placement(OverlayBitmap bitmap, double x, double y) { }

    public VideoOverlay(MediaPipeline pipeline) {
        super(pipeline, "VideoOverlay");
        videoOut = addSourcePad(MediaType.VIDEO, forwardTo(MediaType.VIDEO));
        addSinkPad(MediaType.VIDEO, this::blend)
                .setAcceptedFormats(java.util.List.of(MediaFormat.video("I420")));
        SourcePad audioOut = addSourcePad(MediaType.AUDIO, forwardTo(MediaType.AUDIO));
        addSinkPad(MediaType.AUDIO, audioOut::push);
    }

    /** Shows {@code text} with its top-left corner at ({@code x}, {@code y}), fractions of the picture. */
    public void showText(String text, double x, double y, int pixelHeight) {
        placement = new Placement(OverlayBitmap.text(text, pixelHeight), clamp(x), clamp(y));
    }

    /** Shows a PNG/JPEG image (alpha respected) at ({@code x}, {@code y}), fractions of the picture. */
    public void showImage(Path file, double x, double y) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not an image ImageIO can read");
        }
        placement = new Placement(OverlayBitmap.of(image), clamp(x), clamp(y));
    }

    public void clear() {
        placement = null;
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }

    private UpstreamControl forwardTo(MediaType type) {
        return new UpstreamControl() {
            @Override public void requestKeyframe() { sinkPad(type).requestKeyframe(); }
            @Override public void limitBitrate(long bps) { sinkPad(type).limitBitrate(bps); }
        };
    }

    private void blend(MediaPacket in) {
        Placement p = placement;
        MediaFormat format = in.format();
        int width = format.intParameter("width", 0);
        int height = format.intParameter("height", 0);
        if (p == null || width <= 0 || height <= 0 || in.length() < width * height * 3 / 2) {
            videoOut.push(in);
            return;
        }
        if (frame.length < in.length()) {
            frame = new byte[in.length()]; // grows once per resolution, not per frame
        }
        System.arraycopy(in.buffer(), in.offset(), frame, 0, in.length());
        int left = ((int) (p.x() * width)) & ~1;
        int top = ((int) (p.y() * height)) & ~1;
        OverlayBitmap b = p.bitmap();
        int w = Math.min(b.width, width - left);
        int h = Math.min(b.height, height - top);
        blendPlane(frame, 0, width, left, top, w, h, b.y, b.alpha, b.width);
        int chromaWidth = width / 2;
        int uOffset = width * height;
        int vOffset = uOffset + chromaWidth * (height / 2);
        blendPlane(frame, uOffset, chromaWidth, left / 2, top / 2, w / 2, h / 2, b.u, b.chromaAlpha, b.width / 2);
        blendPlane(frame, vOffset, chromaWidth, left / 2, top / 2, w / 2, h / 2, b.v, b.chromaAlpha, b.width / 2);
        out.set(format, frame, 0, in.length(), in.timestamp(), in.sequenceNumber(), in.marker())
                .keyframe(in.keyframe()).ssrc(in.ssrc()).receivedNanos(in.receivedNanos());
        videoOut.push(out);
    }

    private static void blendPlane(byte[] dst, int planeOffset, int stride, int left, int top, int w, int h,
                                   byte[] src, byte[] alpha, int srcStride) {
        for (int row = 0; row < h; row++) {
            int d = planeOffset + (top + row) * stride + left;
            int s = row * srcStride;
            for (int col = 0; col < w; col++) {
                int a = alpha[s + col] & 0xff;
                if (a != 0) {
                    int under = dst[d + col] & 0xff;
                    dst[d + col] = (byte) ((under * (255 - a) + (src[s + col] & 0xff) * a + 127) / 255);
                }
            }
        }
    }
}
