package org.webims.media.codec.vp8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.video.I420Picture;
import org.webims.media.video.MovingTestPattern;

/**
 * The VP8 encoder's work per frame depends on its input and settings only, not on how long its
 * encodes took: libvpx with a positive cpu-used picks its speed from the wall time of recent
 * encodes, so an encoder that was preempted made other frames than one that was not (decision 0051).
 */
class LibVpxVp8EncoderSpeedTest {

    private static final int FRAMES = 45;

    @Test
    void sameInputGivesTheSameFramesWhetherOrNotTheEncoderWasPreempted() throws Exception {
        // 720p: an encode takes long enough here that preemption pushes its wall time past
        // libvpx's auto-speed thresholds (about 11 and 17.5 ms at cpu-used +8 and 30 fps)
        List<I420Picture> pictures = new ArrayList<>();
        MovingTestPattern pattern = new MovingTestPattern(1280, 720);
        for (int n = 0; n < 30; n++) {
            I420Picture p = I420Picture.allocate(1280, 720);
            pattern.draw(p, n);
            pictures.add(p);
        }
        List<byte[]> alone = encode(pictures);
        List<byte[]> preempted;
        // more runnable threads than cores, so the encoding thread waits for a core in mid-encode
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 3 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (spin.get()) {
                    x += System.nanoTime() & 1;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "vp8-test-spinner-" + i);
            t.setDaemon(true);
            t.start();
            spinners.add(t);
        }
        try {
            preempted = encode(pictures);
        } finally {
            spin.set(false);
            for (Thread t : spinners) {
                t.join();
            }
        }
        assertTrue(alone.size() == FRAMES && preempted.size() == FRAMES);
        for (int n = 0; n < FRAMES; n++) {
            assertArrayEquals(alone.get(n), preempted.get(n), "frame " + n);
        }
    }

    private static List<byte[]> encode(List<I420Picture> pictures) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        EncodedVideoFrame out = new EncodedVideoFrame(1 << 20);
        try (LibVpxVp8Encoder encoder = new LibVpxVp8Encoder(VideoEncoderConfig.vp8(1280, 720, 2_000_000))) {
            for (int n = 0; n < FRAMES; n++) {
                assertTrue(encoder.encode(pictures.get(n % pictures.size()), out));
                frames.add(java.util.Arrays.copyOf(out.data(), out.length()));
            }
        }
        return frames;
    }
}
