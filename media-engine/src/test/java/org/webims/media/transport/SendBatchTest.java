package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sends a transcode worker holds and hands to the io_uring I/O thread together (decision 0023). */
class SendBatchTest extends LoopbackSendTest {

    static SendBatch onBatchingThread(ThrowingBody body) throws Exception {
        return onBatchingThread(false, body, SendBatchingThread::batch);
    }

    @Test
    void heldSendsGoThroughTheRingFromTheirOwnSocketsInOrder() throws Exception {
        MediaIoLoop.Registration a = socket();
        MediaIoLoop.Registration b = socket();
        InetSocketAddress to = peerAddress();
        long ringBefore = loop.batchedSends();
        SendBatch batch = onBatchingThread(() -> {
            for (int i = 0; i < 10; i++) {
                ByteBuffer p = packet(i);
                assertEquals(4, (i % 2 == 0 ? a : b).send(p, to), "bytes taken");
                assertEquals(0, p.remaining(), "packet consumed");
            }
        });
        Map<Integer, List<Integer>> bySource = new HashMap<>();
        ByteBuffer in = ByteBuffer.allocate(64);
        for (int i = 0; i < 10; i++) {
            in.clear();
            InetSocketAddress from = receive(in);
            bySource.computeIfAbsent(from.getPort(), k -> new ArrayList<>()).add((int) in.get(3));
        }
        assertEquals(List.of(0, 2, 4, 6, 8), bySource.get(port(a)), "a's packets, from a's port, in order");
        assertEquals(List.of(1, 3, 5, 7, 9), bySource.get(port(b)), "b's packets, from b's port, in order");
        assertEquals(10, batch.held());
        assertEquals(0, batch.direct());
        assertTrue(batch.handOffs() >= 1 && batch.handOffs() <= 10, "hand-offs: " + batch.handOffs());
        assertEquals(10, loop.batchedSends() - ringBefore, "every packet went through the I/O thread's ring");
    }

    @Test
    void aStalledIoThreadDoesNotHoldTheWorkerBack() throws Exception {
        MediaIoLoop.Registration a = socket();
        InetSocketAddress to = peerAddress();
        CountDownLatch release = new CountDownLatch(1);
        ((UringRegistration) a).worker.loop.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // every parcel handed to the stalled loop, then one more packet: it must go straight out
        SendBatch batch = onBatchingThread(() -> {
            for (int i = 0; i <= SendBatch.PARCELS; i++) {
                a.send(packet(i), to);
                SendBatchingThread.flushCurrent();
            }
        });
        ByteBuffer in = ByteBuffer.allocate(64);
        assertNotNull(receive(in));
        assertEquals(SendBatch.PARCELS, in.get(3), "the packet past the parcels arrived while the loop stalled");
        assertEquals(1, batch.direct());
        release.countDown();
        for (int i = 0; i < SendBatch.PARCELS; i++) {
            in.clear();
            assertNotNull(receive(in));
            assertEquals(i, in.get(3), "the held ones follow, in order, once the loop runs");
        }
    }
}
