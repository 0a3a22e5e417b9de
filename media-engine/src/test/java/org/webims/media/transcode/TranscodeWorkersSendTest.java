package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.webims.media.transport.MediaIoKind;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.SendBatchingThread;

/** The transcode workers hold their RTP sends and let them go when each task ends (decision 0023). */
class TranscodeWorkersSendTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void packetsSentInATickLeaveWhenTheRoundEndsThroughTheIoThreadsRing() throws Exception {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        try (MediaIoLoop loop = new MediaIoLoop(1, "test-io", MediaIoLoop.DEFAULT_GATHER_NANOS, MediaIoKind.IO_URING);
                TranscodeWorkers workers = new TranscodeWorkers(1);
                DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
            ch.configureBlocking(false);
            MediaIoLoop.Registration socket = loop.register(ch, (b, o, n, from) -> { });
            InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
            AtomicReference<Thread> ticker = new AtomicReference<>();
            long ringBefore = loop.batchedSends();
            // one member sends three packets in one tick, once; nothing else runs on the pool after it
            java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
            SharedTicks.Membership m = workers.everyTick(() -> {
                if (sent.compareAndSet(false, true)) {
                    ticker.set(Thread.currentThread());
                    for (int i = 0; i < 3; i++) {
                        try {
                            socket.send(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, (byte) i}), to);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            });
            peer.socket().setSoTimeout(5000);
            byte[] in = new byte[64];
            for (int i = 0; i < 3; i++) {
                java.net.DatagramPacket p = new java.net.DatagramPacket(in, in.length);
                peer.socket().receive(p);
                assertEquals(i, in[3], "in order");
                assertEquals(((InetSocketAddress) ch.getLocalAddress()).getPort(), p.getPort(), "from the stream's socket");
            }
            m.leave();
            assertTrue(ticker.get() instanceof SendBatchingThread, "the workers are batching threads");
            assertEquals(3, ((SendBatchingThread) ticker.get()).batch().held(), "held, not sent one by one");
            assertEquals(3, loop.batchedSends() - ringBefore, "sent through the I/O thread's ring");
            socket.close();
        }
    }
}
