package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/**
 * A batching thread that sends itself (decision 0057): each socket's run of packets leaves by one
 * sendmmsg on that thread, from that socket, in order, without the I/O thread; a socket that
 * closes is never sent on afterwards, and stays open while a send on it is under way.
 */
class SocketSendBatchTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final List<AutoCloseable> closeAfter = new ArrayList<>();
    MediaIoLoop loop;
    DatagramChannel peer;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        assumeTrue(SocketSendBatch.available(), "no sendmmsg here");
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

    /** Runs {@code body} on a thread that sends itself, then flushes as a video lane does after its pass. */
    static SocketSendBatch onSendingThread(SendBatchTest.ThrowingBody body) throws Exception {
        CompletableFuture<SocketSendBatch> done = new CompletableFuture<>();
        SendBatchingThread t = new SendBatchingThread(() -> {
            try {
                body.run();
                SendBatchingThread.flushCurrent();
                done.complete(((SendBatchingThread) Thread.currentThread()).ownSends());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "test-sending", true);
        t.start();
        t.join(10_000);
        return done.get(0, TimeUnit.SECONDS);
    }

    InetSocketAddress receive(ByteBuffer in) throws Exception {
        in.clear();
        java.net.DatagramPacket p = new java.net.DatagramPacket(in.array(), in.capacity());
        peer.socket().receive(p);
        in.limit(p.getLength());
        return (InetSocketAddress) p.getSocketAddress();
    }

    /** Blocks the caller until the loop thread ran everything queued before. */
    void drainLoop(MediaIoLoop.Registration r) throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        ((UringRegistration) r).worker.loop.execute(ran::countDown);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }

    @Test
    void eachSocketsRunLeavesInOneSystemCallFromThatSocketInOrderWithoutTheIoThread() throws Exception {
        MediaIoLoop.Registration a = socket();
        MediaIoLoop.Registration b = socket();
        InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
        long ringBefore = loop.batchedSends();
        // a frame of 3 packets on a, one of 3 on b, one of 2 on a: three runs
        int[] sockets = {0, 0, 0, 1, 1, 1, 0, 0};
        SocketSendBatch own = onSendingThread(() -> {
            for (int i = 0; i < sockets.length; i++) {
                ByteBuffer p = SendBatchTest.packet(i);
                assertEquals(4, (sockets[i] == 0 ? a : b).send(p, to), "bytes taken");
                assertEquals(0, p.remaining(), "packet consumed");
                if (i == 2) {
                    SendBatchingThread.frameDone();
                }
            }
        });
        Map<Integer, List<Integer>> bySource = new HashMap<>();
        ByteBuffer in = ByteBuffer.allocate(64);
        for (int i = 0; i < sockets.length; i++) {
            InetSocketAddress from = receive(in);
            assertEquals(4, in.remaining(), "the bytes sent");
            bySource.computeIfAbsent(from.getPort(), k -> new ArrayList<>()).add((int) in.get(3));
        }
        assertEquals(List.of(0, 1, 2, 6, 7), bySource.get(SendBatchTest.port(a)), "a's packets, from a's port, in order");
        assertEquals(List.of(3, 4, 5), bySource.get(SendBatchTest.port(b)), "b's packets, from b's port, in order");
        assertEquals(8, own.sent());
        assertEquals(3, own.calls(), "one system call per run");
        assertEquals(0, own.dropped());
        assertEquals(0, loop.batchedSends() - ringBefore, "nothing went through the I/O thread's ring");
    }

    @Test
    void aRunLongerThanOneCallHoldsLeavesWholeAndInOrder() throws Exception {
        MediaIoLoop.Registration a = socket();
        InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
        int n = SocketSendBatch.CAPACITY + 8;
        SocketSendBatch own = onSendingThread(() -> {
            for (int i = 0; i < n; i++) {
                ByteBuffer p = ByteBuffer.allocate(1200);
                p.put(0, (byte) 0x80).put(3, (byte) i);
                a.send(p, to);
            }
        });
        ByteBuffer in = ByteBuffer.allocate(1500);
        for (int i = 0; i < n; i++) {
            receive(in);
            assertEquals(1200, in.remaining());
            assertEquals((byte) i, in.get(3), "in order");
        }
        assertEquals(n, own.sent());
        assertEquals(2, own.calls());
    }

    @Test
    void aSocketThatClosedBeforeItsRunLeftIsNotSentOn() throws Exception {
        MediaIoLoop.Registration a = socket();
        MediaIoLoop.Registration b = socket();
        InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
        SocketSendBatch own = onSendingThread(() -> {
            a.send(SendBatchTest.packet(1), to);
            a.send(SendBatchTest.packet(2), to);
            ((UringRegistration) a).close();
            SendBatchingThread.frameDone(); // a's run: a is closed by now
            b.send(SendBatchTest.packet(3), to);
        });
        ByteBuffer in = ByteBuffer.allocate(64);
        InetSocketAddress from = receive(in);
        assertEquals(SendBatchTest.port(b), from.getPort(), "the first to arrive is b's: nothing of the closed a");
        assertEquals(3, in.get(3));
        assertEquals(2, own.dropped());
        assertEquals(1, own.sent());
    }

    @Test
    void aSocketStaysOpenWhileASendOnItIsUnderWayAndClosesWhenItEnds() throws Exception {
        UringRegistration a = (UringRegistration) socket();
        drainLoop(a); // registered
        assertTrue(a.enterOwnSend());
        a.close();
        drainLoop(a);
        drainLoop(a); // the close's own steps on the loop thread, and the ring's cancel completion
        assertTrue(a.channel().isOpen(), "open while the send is under way");
        a.leaveOwnSend();
        for (int i = 0; i < 500 && a.channel().isOpen(); i++) {
            drainLoop(a); // the rest of the close runs on the loop thread
        }
        assertFalse(a.channel().isOpen(), "closed once the send ended");
        assertFalse(a.enterOwnSend(), "no send on a closed socket");
    }

    @Test
    void aThreadThatSendsItselfHasNoBatchForTheIoThread() throws Exception {
        SendBatchingThread own = new SendBatchingThread(() -> { }, "t", true);
        SendBatchingThread handing = new SendBatchingThread(() -> { }, "t");
        assertNotNull(own.ownSends());
        assertNull(own.batch());
        assertNotNull(handing.batch());
        assertNull(handing.ownSends());
    }
}
