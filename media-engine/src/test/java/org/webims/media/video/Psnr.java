package org.webims.media.video;

import java.nio.ByteBuffer;

/** Peak signal-to-noise ratio of one picture's luma against another's (same size), in dB. */
public final class Psnr {

    private Psnr() {
    }

    public static double luma(I420Picture reference, I420Picture test) {
        if (reference.width() != test.width() || reference.height() != test.height()) {
            throw new IllegalArgumentException(reference + " vs " + test);
        }
        ByteBuffer a = reference.plane(0);
        ByteBuffer b = test.plane(0);
        long sse = 0;
        for (int r = 0; r < reference.height(); r++) {
            int ra = r * reference.stride(0);
            int rb = r * test.stride(0);
            for (int c = 0; c < reference.width(); c++) {
                int d = (a.get(ra + c) & 0xff) - (b.get(rb + c) & 0xff);
                sse += d * d;
            }
        }
        if (sse == 0) {
            return 99.0;
        }
        double mse = (double) sse / ((long) reference.width() * reference.height());
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
