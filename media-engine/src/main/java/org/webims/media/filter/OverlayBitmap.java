package org.webims.media.filter;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A picture to lay over video, converted once to Y, U, V and alpha planes (BT.601 limited
 * range, as decoders hand us I420) so that blending it per frame is integer arithmetic.
 * Immutable.
 */
final class OverlayBitmap {

    final int width;
    final int height;
    final byte[] y;
    final byte[] u;
    final byte[] v;
    final byte[] alpha;
    final byte[] chromaAlpha;

    private OverlayBitmap(BufferedImage image) {
        width = image.getWidth() & ~1;
        height = image.getHeight() & ~1;
        y = new byte[width * height];
        alpha = new byte[width * height];
        u = new byte[(width / 2) * (height / 2)];
        v = new byte[(width / 2) * (height / 2)];
        chromaAlpha = new byte[(width / 2) * (height / 2)];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int argb = image.getRGB(col, row);
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                y[row * width + col] = (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
                alpha[row * width + col] = (byte) (argb >>> 24);
                if ((row & 1) == 0 && (col & 1) == 0) {
                    int c = (row / 2) * (width / 2) + col / 2;
                    u[c] = (byte) (((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
                    v[c] = (byte) (((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
                    chromaAlpha[c] = (byte) (argb >>> 24);
                }
            }
        }
    }

    static OverlayBitmap of(BufferedImage image) {
        if (image.getWidth() < 2 || image.getHeight() < 2) {
            throw new IllegalArgumentException("overlay image too small: " + image.getWidth() + "x" + image.getHeight());
        }
        return new OverlayBitmap(image);
    }

    /** White text with a dark outline-free shadow box, {@code pixelHeight} tall. */
    static OverlayBitmap text(String text, int pixelHeight) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, pixelHeight));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics metrics = pg.getFontMetrics(font);
        int w = Math.max(2, metrics.stringWidth(text) + 8);
        int h = Math.max(2, metrics.getHeight() + 4);
        pg.dispose();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0, 0, 0, 140));
        g.fillRect(0, 0, w, h);
        g.setFont(font);
        g.setColor(Color.WHITE);
        g.drawString(text, 4, 2 + metrics.getAscent());
        g.dispose();
        return new OverlayBitmap(image);
    }
}
