package org.webims.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VideoScalerTest {

    @Test
    void halvesA720pPictureKeepingWhereTheEdgeIs() {
        I420Picture source = I420Picture.allocate(1280, 720);
        for (int r = 0; r < 720; r++) {
            for (int c = 0; c < 1280; c++) {
                source.plane(0).put(r * source.stride(0) + c, (byte) (c < 640 ? 16 : 235));
            }
        }
        for (int p = 1; p < 3; p++) {
            for (int i = 0; i < source.plane(p).capacity(); i++) {
                source.plane(p).put(i, (byte) 128);
            }
        }
        I420Picture target = I420Picture.allocate(640, 360);
        try (VideoScaler scaler = new VideoScaler(1280, 720, 640, 360)) {
            scaler.scale(source, target);
        }
        assertEquals(640, target.width());
        assertEquals(360, target.height());
        assertEquals(16, target.plane(0).get(100 * target.stride(0) + 100) & 0xff);
        assertEquals(235, target.plane(0).get(100 * target.stride(0) + 500) & 0xff);
        assertEquals(128, target.plane(1).get(50 * target.stride(1) + 50) & 0xff);
    }

    @Test
    void downThenUpScaledPatternStaysCloseToTheOriginal() {
        MovingTestPattern pattern = new MovingTestPattern(1280, 720);
        I420Picture original = I420Picture.allocate(1280, 720);
        pattern.draw(original, 10);
        I420Picture small = I420Picture.allocate(640, 360);
        I420Picture back = I420Picture.allocate(1280, 720);
        try (VideoScaler down = new VideoScaler(1280, 720, 640, 360);
                VideoScaler up = new VideoScaler(640, 360, 1280, 720)) {
            down.scale(original, small);
            up.scale(small, back);
        }
        double psnr = Psnr.luma(original, back);
        assertTrue(psnr > 25, "down/up PSNR " + psnr);
    }

    @Test
    void refusesASourceOfAnotherSize() {
        try (VideoScaler scaler = new VideoScaler(1280, 720, 640, 360)) {
            assertThrows(IllegalArgumentException.class,
                    () -> scaler.scale(I420Picture.allocate(640, 360), I420Picture.allocate(640, 360)));
        }
    }

    @Test
    void closingTwiceIsSafe() {
        VideoScaler scaler = new VideoScaler(64, 64, 32, 32);
        scaler.close();
        scaler.close();
        assertThrows(IllegalStateException.class,
                () -> scaler.scale(I420Picture.allocate(64, 64), I420Picture.allocate(32, 32)));
    }

    @Test
    void poolHandsBackTheSamePicture() {
        I420PicturePool pool = new I420PicturePool(320, 180, 2);
        I420Picture first = pool.acquire();
        pool.release(first);
        assertSame(first, pool.acquire());
        pool.release(I420Picture.allocate(640, 360)); // not this pool's: ignored
        assertEquals(0, pool.idleCount());
    }

    @Test
    void pictureStridesAreAlignedAndResizeKeepsStorage() {
        I420Picture picture = I420Picture.allocate(642, 362);
        assertEquals(0, picture.address(0) % 32);
        assertEquals(0, picture.address(1) % 32);
        assertEquals(672, picture.stride(0));
        assertEquals(352, picture.stride(1));
        picture.resize(320, 180);
        assertEquals(320, picture.stride(0));
        assertThrows(IllegalArgumentException.class, () -> picture.resize(1280, 720));
    }

    @Test
    void patternMovesFromFrameToFrame() {
        MovingTestPattern pattern = new MovingTestPattern(320, 180);
        I420Picture a = I420Picture.allocate(320, 180);
        I420Picture b = I420Picture.allocate(320, 180);
        pattern.draw(a, 0);
        pattern.draw(b, 1);
        assertTrue(Psnr.luma(a, b) < 40, "consecutive frames differ");
        pattern.draw(b, 0);
        assertEquals(99.0, Psnr.luma(a, b));
    }
}
