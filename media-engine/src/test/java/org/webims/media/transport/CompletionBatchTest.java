package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A loop pass's datagrams are held, read ahead and then handled (decision 0054), on a real ring and
 * real sockets: the order per socket and the pool of receive buffers must not notice.
 */
class CompletionBatchTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final int SOCKETS = 16;

    /** Per socket: what arrived in order, and how far ahead of its handling each datagram was read. */
    static final class Recorder implements DatagramHandler {
        final List<Integer> got = new ArrayList<>();
        final AtomicInteger warmed;
        final AtomicInteger handled;
        int mostReadAhead;

        Recorder(AtomicInteger warmed, AtomicInteger handled) {
            this.warmed = warmed;
            this.handled = handled;
        }

        @Override
        public void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from) {
            got.add(Integer.parseInt(new String(buffer, offset, length).split("-")[0]));
            mostReadAhead = Math.max(mostReadAhead, warmed.get() - handled.incrementAndGet());
        }

        @Override
        public int warm() {
            warmed.incrementAndGet();
            return 0;
        }
    }

    @Test
    void burstsLargerThanTheBatchFromSeveralSocketsArriveInPerSocketOrderAndEveryBufferComesBack() throws Exception {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        UringWorker worker = new UringWorker("test-io", 0, true);
        AtomicInteger warmed = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        List<DatagramChannel> rxs = new ArrayList<>();
        List<MediaIoLoop.Registration> registrations = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        try (DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            for (int s = 0; s < SOCKETS; s++) {
                DatagramChannel rx = DatagramChannel.open();
                rx.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
                rx.bind(new InetSocketAddress(LOOPBACK, 0)).configureBlocking(false);
                Recorder r = new Recorder(warmed, handled);
                registrations.add(worker.register(rx, r));
                rxs.add(rx);
                recorders.add(r);
            }
            Thread.sleep(50); // let the I/O thread arm the receives
            // three rounds, each more than the pool of buffers, queued while the I/O thread is held: one pass
            // then completes more datagrams than a batch holds, and the kernel needs buffers given back to go on
            int perRound = ReceiveBuffers.COUNT + CompletionBatch.CAPACITY + 7;
            int sent = 0;
            for (int round = 0; round < 3; round++) {
                CountDownLatch hold = new CountDownLatch(1);
                worker.loop.execute(() -> {
                    try {
                        hold.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                for (int i = 0; i < perRound; i++, sent++) {
                    tx.send(ByteBuffer.wrap((sent + "-" + "x".repeat(sent % 200)).getBytes()),
                            rxs.get(sent % SOCKETS).getLocalAddress());
                }
                hold.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (handled.get() < sent && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(sent, handled.get(), "datagrams handled after round " + round);
            }
            int total = sent;
            for (int s = 0; s < SOCKETS; s++) {
                List<Integer> expected = new ArrayList<>();
                for (int n = s; n < total; n += SOCKETS) {
                    expected.add(n);
                }
                Recorder r = recorders.get(s);
                assertEquals(expected, worker.loop.submit(() -> List.copyOf(r.got)).get(), "socket " + s);
            }
            assertEquals(total, warmed.get(), "every datagram read ahead once");
            int readAhead = worker.loop.submit(() -> recorders.stream().mapToInt(r -> r.mostReadAhead).max().orElse(0)).get();
            assertTrue(readAhead > 1, "a pass's datagrams are read ahead before they are handled: " + readAhead);
            assertTrue(readAhead < CompletionBatch.CAPACITY, "never more held than a batch: " + readAhead);
            assertEquals(0, worker.handlerFailures());
            BufferRing ring = (BufferRing) worker.buffers;
            assertEquals(ReceiveBuffers.COUNT + total, (int) worker.loop.submit(ring::handedOver).get(),
                    "every receive buffer given back once its datagram was handled");
            assertEquals(0, worker.loop.submit(worker.batch::held).get(), "nothing left held after the pass");
        } finally {
            registrations.forEach(MediaIoLoop.Registration::close);
            worker.close();
        }
    }
}
