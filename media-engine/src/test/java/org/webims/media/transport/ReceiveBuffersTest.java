package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two ways an io_uring worker hands its receive buffers to the kernel deliver the same datagrams (decision 0042). */
class ReceiveBuffersTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @ParameterizedTest(name = "buffer ring {0}")
    @ValueSource(booleans = {true, false})
    void threePoolsOfDatagramsThroughTwoSocketsArriveWholeAndInOrder(boolean bufferRing) throws Exception {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        UringWorker worker = new UringWorker("test-io", 0, bufferRing);
        try (DatagramChannel a = open(); DatagramChannel b = open();
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            // this kernel (6.18) registers buffer rings (5.19); where it cannot, the worker provides them by operations
            assertEquals(bufferRing, worker.buffers instanceof BufferRing);
            BlockingQueue<String> gotA = new LinkedBlockingQueue<>();
            BlockingQueue<String> gotB = new LinkedBlockingQueue<>();
            MediaIoLoop.Registration ra = worker.register(a, (buf, off, len, from) -> gotA.add(new String(buf, off, len)));
            MediaIoLoop.Registration rb = worker.register(b, (buf, off, len, from) -> gotB.add(new String(buf, off, len)));
            Thread.sleep(50); // let the I/O thread arm both receives
            int total = 3 * ReceiveBuffers.COUNT + 5; // every buffer filled and given back three times over
            for (int sent = 0; sent < total; ) {
                int burst = Math.min(200, total - sent);
                for (int i = 0; i < burst; i++) {
                    // lengths up to a video packet's, so a buffer refilled with a shorter datagram shows no stale tail
                    tx.send(ByteBuffer.wrap(body(sent + i).getBytes()), ((sent + i) % 2 == 0 ? a : b).getLocalAddress());
                }
                for (int i = 0; i < burst; i++) {
                    int n = sent + i;
                    assertEquals(body(n), (n % 2 == 0 ? gotA : gotB).poll(5, TimeUnit.SECONDS), "datagram " + n);
                }
                sent += burst;
            }
            assertEquals(0, worker.handlerFailures());
            assertEquals(total, worker.datagrams());
            ra.close();
            rb.close();
        } finally {
            worker.close();
        }
    }

    private static String body(int n) {
        return n + "-" + "x".repeat(n % 1200);
    }

    private static DatagramChannel open() throws Exception {
        DatagramChannel c = DatagramChannel.open();
        c.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        c.bind(new InetSocketAddress(LOOPBACK, 0));
        c.configureBlocking(false);
        return c;
    }
}
