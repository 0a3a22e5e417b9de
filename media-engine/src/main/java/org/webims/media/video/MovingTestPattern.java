package org.webims.media.video;

import java.nio.ByteBuffer;

/**
 * A synthetic moving picture for tests and benchmarks: a diagonal luma gradient scrolling one way,
 * chroma bands scrolling the other, and a bright box bouncing across, so an encoder sees both
 * global motion and a moving edge (and a frame that is never a repeat of the previous one). Smooth
 * enough that a codec at a generous bitrate reproduces it well; a PSNR bound is meaningful.
 */
public final class MovingTestPattern {

    private final int width;
    private final int height;
    private int frame;

    public MovingTestPattern(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Draws the next frame into {@code picture} (resized to the pattern's size). */
    public void next(I420Picture picture) {
        draw(picture, frame++);
    }

    /** Draws frame number {@code n} (the same n gives the same pixels). */
    public void draw(I420Picture picture, int n) {
        picture.resize(width, height);
        picture.timestamp(n * 3000L); // 90 kHz clock at 30 fps
        ByteBuffer y = picture.plane(0);
        int ys = picture.stride(0);
        int shift = n * 4;
        int boxSize = Math.max(8, height / 5);
        int span = Math.max(1, width - boxSize);
        int boxX = bounce(n * 7, span);
        int boxY = bounce(n * 5, Math.max(1, height - boxSize));
        for (int r = 0; r < height; r++) {
            int row = r * ys;
            boolean inBoxRow = r >= boxY && r < boxY + boxSize;
            for (int c = 0; c < width; c++) {
                int v;
                if (inBoxRow && c >= boxX && c < boxX + boxSize) {
                    v = 235 - ((c - boxX) ^ (r - boxY)) % 24;
                } else {
                    v = 16 + ((c + r + shift) & 255) * 200 / 255;
                }
                y.put(row + c, (byte) v);
            }
        }
        ByteBuffer u = picture.plane(1);
        ByteBuffer v = picture.plane(2);
        int cs = picture.stride(1);
        int cw = picture.chromaWidth();
        int ch = picture.chromaHeight();
        for (int r = 0; r < ch; r++) {
            for (int c = 0; c < cw; c++) {
                int band = ((c - n * 2) & 127);
                u.put(r * cs + c, (byte) (64 + band));
                v.put(r * cs + c, (byte) (192 - ((r + n) & 127)));
            }
        }
    }

    private static int bounce(int travelled, int span) {
        int m = travelled % (2 * span);
        return m < span ? m : 2 * span - m;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
