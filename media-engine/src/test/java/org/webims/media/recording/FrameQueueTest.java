package org.webims.media.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameQueueTest {

    @Test
    void claimAnswersNullWhenEverySlotIsTaken() {
        FrameQueue q = new FrameQueue(4, 16);
        for (int i = 0; i < 4; i++) {
            QueuedFrame f = q.claim();
            assertNotNull(f, "slot " + i);
            q.publish(f);
        }
        assertNull(q.claim());
        q.release(q.peek());
        assertNotNull(q.claim(), "a released slot is free again");
    }

    @Test
    void consumerSeesFramesInPublishOrderAndReusesSlots() {
        FrameQueue q = new FrameQueue(2, 16);
        for (int i = 0; i < 10; i++) {
            QueuedFrame f = q.claim();
            f.timestampUs = i;
            q.publish(f);
            QueuedFrame got = q.peek();
            assertSame(f, got);
            assertEquals(i, got.timestampUs);
            q.release(got);
        }
        assertFalse(q.pending());
    }

    @Test
    void claimedButUnpublishedSlotIsPendingNotReadable() {
        FrameQueue q = new FrameQueue(2, 16);
        QueuedFrame f = q.claim();
        assertNull(q.peek());
        assertTrue(q.pending());
        q.publish(f);
        assertSame(f, q.peek());
    }

    @Test
    void slotBufferGrowsOnlyForBiggerFrames() {
        QueuedFrame f = new QueuedFrame(0, 16);
        byte[] first = f.ensureCapacity(10);
        assertSame(first, f.ensureCapacity(16));
        assertTrue(f.ensureCapacity(100).length >= 100);
    }

    @Test
    void concurrentProducersLoseNoPublishedFrame() throws Exception {
        FrameQueue q = new FrameQueue(64, 16);
        AtomicInteger accepted = new AtomicInteger();
        Thread[] producers = new Thread[3];
        for (int p = 0; p < producers.length; p++) {
            producers[p] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    QueuedFrame f = q.claim();
                    if (f != null) {
                        q.publish(f);
                        accepted.incrementAndGet();
                    }
                }
            });
            producers[p].start();
        }
        int consumed = 0;
        while (true) {
            QueuedFrame f = q.peek();
            if (f != null) {
                q.release(f);
                consumed++;
            } else if (!isAlive(producers) && !q.pending()) {
                break;
            }
        }
        assertEquals(accepted.get(), consumed);
    }

    private static boolean isAlive(Thread[] threads) {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
