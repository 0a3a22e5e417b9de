package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends a transcode worker holds and hands to the io_uring I/O thread together (decision 0023). */
class SendBatchTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final List<AutoCloseable> closeAfter = new ArrayList<>();
    MediaIoLoop loop;
    DatagramChannel peer;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        loop = new MediaIoLoop(1, "test-io", MediaIoLoop.DEFAULT_GATHER_NANOS, MediaIoKind.IO_URING);
        closeAfter.add(loop);
        peer = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        closeAfter.add(peer);
        peer.socket().setSoTimeout(5000);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    MediaIoLoop.Registration socket() throws Exception {
        DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        ch.configureBlocking(false);
        MediaIoLoop.Registration r = loop.register(ch, (b, o, n, from) -> { });
        closeAfter.add(r);
        return r;
    }

    static int port(MediaIoLoop.Registration r) throws Exception {
        return ((InetSocketAddress) r.channel().getLocalAddress()).getPort();
    }

    /** Runs {@code body} on a batching thread, then flushes as the transcode pool does after each task. */
    static SendBatch onBatchingThread(ThrowingBody body) throws Exception {
        CompletableFuture<SendBatch> done = new CompletableFuture<>();
        SendBatchingThread t = new SendBatchingThread(() -> {
            try {
                body.run();
                SendBatchingThread.flushCurrent();
                done.complete(((SendBatchingThread) Thread.currentThread()).batch());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "test-batching");
        t.start();
        t.join(10_000);
        return done.get(0, TimeUnit.SECONDS);
    }

    interface ThrowingBody {
        void run() throws Exception;
    }

    static ByteBuffer packet(int n) {
        return ByteBuffer.wrap(new byte[] {(byte) 0x80, 96, 0, (byte) n});
    }

    @Test
    void heldSendsGoThroughTheRingFromTheirOwnSocketsInOrder() throws Exception {
        MediaIoLoop.Registration a = socket();
        MediaIoLoop.Registration b = socket();
        InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
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
            InetSocketAddress from = (InetSocketAddress) receiveBlocking(in);
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
        InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
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
        assertNotNull(receiveBlocking(in));
        assertEquals(SendBatch.PARCELS, in.get(3), "the packet past the parcels arrived while the loop stalled");
        assertEquals(1, batch.direct());
        release.countDown();
        for (int i = 0; i < SendBatch.PARCELS; i++) {
            in.clear();
            assertNotNull(receiveBlocking(in));
            assertEquals(i, in.get(3), "the held ones follow, in order, once the loop runs");
        }
    }

    private java.net.SocketAddress receiveBlocking(ByteBuffer in) throws Exception {
        java.net.DatagramPacket p = new java.net.DatagramPacket(in.array(), in.capacity());
        peer.socket().receive(p);
        in.position(p.getLength());
        return p.getSocketAddress();
    }
}
