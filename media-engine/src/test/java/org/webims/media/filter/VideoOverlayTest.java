package org.webims.media.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PacketSinkElement;
import org.webims.media.pipeline.PacketSourceElement;

class VideoOverlayTest {

    static final int W = 320;
    static final int H = 240;
    static final MediaFormat FRAME = MediaFormat.i420(W, H);

    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
    MediaPipeline pipeline = engine.createPipeline();
    PacketSourceElement source = new PacketSourceElement(pipeline);
    VideoOverlay overlay = new VideoOverlay(pipeline);
    PacketSinkElement sink = new PacketSinkElement(pipeline, List.of());

    @AfterEach
    void close() {
        engine.close();
    }

    /** A mid-grey picture: Y 128, U and V 128. */
    static byte[] grey() {
        byte[] frame = new byte[W * H * 3 / 2];
        Arrays.fill(frame, (byte) 128);
        return frame;
    }

    void connect() {
        source.connect(overlay, MediaType.VIDEO);
        overlay.connect(sink, MediaType.VIDEO);
    }

    static int y(byte[] frame, int x, int y) {
        return frame[y * W + x] & 0xff;
    }

    static int v(byte[] frame, int x, int y) {
        return frame[W * H + (W / 2) * (H / 2) + (y / 2) * (W / 2) + x / 2] & 0xff;
    }

    @Test
    void drawsTextInItsCornerAndLeavesTheRestAlone() {
        connect();
        overlay.showText("REC", 0, 0, 24);
        byte[] in = grey();
        source.send(FRAME, in, 1);
        byte[] out = sink.received.get(0).payload();
        boolean bright = false;
        for (int row = 0; row < 30 && !bright; row++) {
            for (int col = 0; col < 60; col++) {
                bright |= y(out, col, row) > 200; // white glyph pixels
            }
        }
        assertTrue(bright, "white text drawn in the top-left corner");
        assertEquals(128, y(out, W - 1, H - 1), "far corner untouched");
        assertTrue(Arrays.equals(grey(), in), "the producer's buffer is not written");
    }

    @Test
    void blendsAnImageWithItsColourAtThePlacement(@TempDir Path dir) throws IOException {
        BufferedImage red = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = red.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        Path png = dir.resolve("logo.png");
        ImageIO.write(red, "png", png.toFile());
        connect();
        overlay.showImage(png, 0.5, 0.5);
        source.send(FRAME, grey(), 1);
        byte[] out = sink.received.get(0).payload();
        // BT.601: pure red is Y 82, V 240
        assertEquals(82, y(out, W / 2 + 10, H / 2 + 10), 2);
        assertEquals(240, v(out, W / 2 + 10, H / 2 + 10), 2);
        assertEquals(128, y(out, W / 2 - 2, H / 2 - 2), "outside the image");
    }

    @Test
    void clearedOverlayPassesPicturesUntouched() {
        connect();
        overlay.showText("x", 0, 0, 20);
        overlay.clear();
        byte[] in = grey();
        source.send(FRAME, in, 1);
        assertTrue(Arrays.equals(in, sink.received.get(0).payload()));
    }

    @Test
    void refusesFilesThatAreNotImages(@TempDir Path dir) throws IOException {
        Path notImage = Files.writeString(dir.resolve("x.png"), "not a png");
        assertThrows(IOException.class, () -> overlay.showImage(notImage, 0, 0));
    }
}
