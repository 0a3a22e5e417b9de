package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The io_uring I/O thread's nap after a light loop pass (decision 0029), on a real ring and real sockets. */
class GatheringIoHandlerTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    MediaIoLoop uringLoop(long gatherNanos) throws IOException {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        MediaIoLoop loop = new MediaIoLoop(1, "test-io", gatherNanos, MediaIoKind.IO_URING);
        closeAfter.add(loop);
        return loop;
    }

    /**
     * Ten channels, each with its queue of what arrived; lone datagrams first (light passes), then 20
     * per channel. With {@code untilNap}, lone datagrams go one at a time until the loop has napped:
     * a light pass does not nap while a task (a registration) is still queued, so the first may not.
     */
    void sendAndExpectInOrder(MediaIoLoop loop, boolean untilNap) throws Exception {
        List<DatagramChannel> rxs = new ArrayList<>();
        List<BlockingQueue<String>> got = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
            rx.configureBlocking(false);
            BlockingQueue<String> q = new LinkedBlockingQueue<>();
            closeAfter.add(loop.register(rx, (buf, off, len, from) -> q.add(new String(buf, off, len))));
            rxs.add(rx);
            got.add(q);
        }
        int lone = 0;
        try (DatagramChannel tx = DatagramChannel.open()) {
            do {
                tx.send(ByteBuffer.wrap("lone".getBytes()), rxs.get(0).getLocalAddress());
                assertEquals("lone", got.get(0).poll(5, TimeUnit.SECONDS));
                lone++;
                // the nap is counted just after the handler returns
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (untilNap && loop.naps() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            } while (untilNap && loop.naps() == 0 && lone < 50);
            for (int i = 0; i < 20; i++) {
                for (DatagramChannel rx : rxs) {
                    tx.send(ByteBuffer.wrap(("p" + i).getBytes()), rx.getLocalAddress());
                }
            }
        }
        for (BlockingQueue<String> q : got) {
            for (int i = 0; i < 20; i++) {
                assertEquals("p" + i, q.poll(5, TimeUnit.SECONDS));
            }
        }
        assertEquals(lone + 200, loop.datagrams());
        assertTrue(loop.rounds() >= 1 && loop.rounds() <= loop.datagrams(), "rounds " + loop.rounds());
        assertEquals(0, loop.handlerFailures());
    }

    @Test
    void theRingNapsAfterALightPassAndStillDeliversEveryChannelsDatagramsInOrder() throws Exception {
        MediaIoLoop loop = uringLoop(MediaIoLoop.DEFAULT_GATHER_NANOS);
        sendAndExpectInOrder(loop, true);
        assertTrue(loop.naps() >= 1, "naps " + loop.naps());
        assertTrue(loop.naps() <= loop.rounds(), "at most one nap per pass: naps " + loop.naps() + ", rounds " + loop.rounds());
    }

    @Test
    void withoutAGatherTimeTheRingNeverNaps() throws Exception {
        MediaIoLoop loop = uringLoop(0);
        sendAndExpectInOrder(loop, false);
        assertEquals(0, loop.naps());
    }

    @Test
    void aTaskQueuedFromAnotherThreadEndsTheNapAtOnce() throws Exception {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        // a nap far longer than the wait below: only the wake-up can end it in time
        UringWorker worker = new UringWorker("test-io-0", TimeUnit.MINUTES.toNanos(2));
        closeAfter.add(worker::close);
        Thread loopThread = worker.loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        CountDownLatch delivered = new CountDownLatch(1);
        closeAfter.add(worker.register(rx, (buf, off, len, from) -> delivered.countDown()));
        try (DatagramChannel tx = DatagramChannel.open()) {
            tx.send(ByteBuffer.wrap("one".getBytes()), rx.getLocalAddress());
        }
        assertTrue(delivered.await(5, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(LockSupport.getBlocker(loopThread) instanceof GatheringIoHandler) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(LockSupport.getBlocker(loopThread) instanceof GatheringIoHandler, "the loop napped after a light pass");
        assertEquals(1, worker.naps());
        CountDownLatch ran = new CountDownLatch(1);
        worker.loop.execute(ran::countDown); // as a transcode worker's parcel of sends is queued (decision 0023)
        assertTrue(ran.await(30, TimeUnit.SECONDS), "the queued task ran before the two-minute nap was over");
    }
}
