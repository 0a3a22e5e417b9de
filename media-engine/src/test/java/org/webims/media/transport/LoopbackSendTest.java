package org.webims.media.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the send tests share: an io_uring I/O thread, sockets registered on it, a plain peer that receives. */
abstract class LoopbackSendTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    MediaIoLoop loop;
    DatagramChannel peer;

    @BeforeEach
    void openLoopAndPeer() throws Exception {
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

    InetSocketAddress peerAddress() throws Exception {
        return (InetSocketAddress) peer.getLocalAddress();
    }

    /** A socket on the I/O thread, closed after the test. */
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

    /** An RTP-like packet of four bytes whose last is {@code n}. */
    static ByteBuffer packet(int n) {
        return ByteBuffer.wrap(new byte[] {(byte) 0x80, 96, 0, (byte) n});
    }

    /** The peer's next datagram into {@code in} (position 0, limit its length); its sender. */
    InetSocketAddress receive(ByteBuffer in) throws Exception {
        in.clear();
        java.net.DatagramPacket p = new java.net.DatagramPacket(in.array(), in.capacity());
        peer.socket().receive(p);
        in.limit(p.getLength());
        return (InetSocketAddress) p.getSocketAddress();
    }

    interface ThrowingBody {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} on a batching thread of the kind given, then flushes as its owner does after
     * each task; {@code result} reads the thread's batch afterwards.
     */
    static <T> T onBatchingThread(boolean sendsItself, ThrowingBody body, Function<SendBatchingThread, T> result)
            throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        SendBatchingThread t = new SendBatchingThread(() -> {
            try {
                body.run();
                SendBatchingThread.flushCurrent();
                done.complete(result.apply((SendBatchingThread) Thread.currentThread()));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "test-batching", sendsItself);
        t.start();
        t.join(10_000);
        return done.get(0, TimeUnit.SECONDS);
    }
}
