package org.webims.media.codec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class H264LevelTest {

    @Test
    void level31Carries720pAt30FpsUnchanged() {
        assertTrue(H264Level.L3_1.fits(1280, 720, 30));
        assertArrayEquals(new int[] {1280, 720}, H264Level.L3_1.fit(1280, 720, 30));
    }

    @Test
    void level30ShrinksA720pPictureToFitItsFrameSize() {
        assertFalse(H264Level.L3_0.fits(1280, 720, 30));
        int[] size = H264Level.L3_0.fit(1280, 720, 30);
        assertTrue(H264Level.L3_0.fits(size[0], size[1], 30));
        // 30 fps x MaxFS-per-second 40500 allows 1350 macroblocks: 768x432 (1296) fits, 800x450 (1450) not
        assertArrayEquals(new int[] {768, 432}, size);
        assertFalse(H264Level.L3_0.fits(800, 450, 30));
        assertEquals(0, size[0] % 2);
        assertEquals(0, size[1] % 2);
    }

    @Test
    void frameRateCountsAgainstMacroblocksPerSecond() {
        assertTrue(H264Level.L3_1.fits(1280, 720, 30));
        assertFalse(H264Level.L3_1.fits(1280, 720, 60));
    }

    @Test
    void unknownLevelIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> H264Level.of(33));
        assertEquals(H264Level.L3_1, H264Level.of(31));
    }

    @Test
    void raisesALowerSpsLevelOnly() {
        byte[] au = {0, 0, 0, 1, 0x67, 66, (byte) 0xC0, 30, 0x12, 0, 0, 0, 1, 0x65, 1, 2};
        H264Nal.raiseSpsLevel(au, 0, au.length, 31);
        assertEquals(31, H264Nal.spsLevelIdc(au, 4));
        H264Nal.raiseSpsLevel(au, 0, au.length, 20);
        assertEquals(31, H264Nal.spsLevelIdc(au, 4));
        assertTrue(H264Nal.isConstrainedBaseline(au, 4));
        assertTrue(H264Nal.containsIdr(au, 0, au.length));
    }
}
