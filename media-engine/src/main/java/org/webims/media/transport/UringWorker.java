package org.webims.media.transport;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media I/O thread on io_uring (Netty's ring and event loop, our own operations): every
 * registered channel keeps one receive in the ring, and sends made on this thread are queued in
 * the ring too, so one {@code io_uring_enter} per loop pass submits the pass's sends and
 * re-armed receives of all sockets and collects what completed, instead of a {@code recvfrom}
 * and a {@code sendto} per relayed datagram (decision 0020).
 */
final class UringWorker implements IoWorker {

    private static final Logger LOG = LoggerFactory.getLogger(UringWorker.class);
    /** Submission entries: room for a pass's sends and receives of a few hundred sockets before an early submit. */
    private static final int RING_SIZE = 4096;
    /**
     * {@code -Dwebims.media.io.buffer-ring=false}: receive buffers by {@code IORING_OP_PROVIDE_BUFFERS}
     * even where a registered buffer ring works (to compare, decision 0042).
     */
    static final String BUFFER_RING_PROPERTY = "webims.media.io.buffer-ring";

    private final MultiThreadIoEventLoopGroup group;
    final IoEventLoop loop;
    final byte[] buffer = new byte[MediaIoLoop.MAX_DATAGRAM];
    final ReceiveBuffers buffers;
    /** Netty's ring handler under our {@link GatheringIoHandler}, for {@link BufferRing#register}. */
    private volatile IoHandler ringHandler;
    final Set<UringRegistration> live = ConcurrentHashMap.newKeySet();
    /** Notified whenever a registration finished ({@link #closeRegistrations}). */
    private final Object finished = new Object();
    /** Far beyond a cancelled receive's return; bounded so that a stuck ring cannot hang a close. */
    private static final long CLOSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    final AtomicLong failures = new AtomicLong();
    /** ECONNREFUSED on connected sockets (decision 0046); any thread counts (sends by system call). */
    final AtomicLong refusals = new AtomicLong();
    // written by the loop thread only, read for statistics
    long datagrams;
    /** Loop passes that handled at least one datagram (datagrams per wake-up = datagrams / rounds). */
    long rounds;
    /** Gathering naps taken after a light pass ({@link GatheringIoHandler}). */
    long naps;
    long batchedSends;
    /** Sends on this thread that found every slot of their socket in flight and went straight out. */
    long overflowSends;
    /** Sends by IORING_OP_SEND with the address (Linux 6.1); false once the kernel refused one: sendmsg. */
    boolean sendWithAddress = true;

    /** {@code gatherNanos}: the nap after a light loop pass, 0 for none ({@link GatheringIoHandler}). */
    UringWorker(String name, long gatherNanos) throws IOException {
        this(name, gatherNanos, !"false".equalsIgnoreCase(System.getProperty(BUFFER_RING_PROPERTY, "true").trim()));
    }

    /** {@code bufferRing}: try a registered buffer ring for the receive buffers, else provide them by operations. */
    UringWorker(String name, long gatherNanos, boolean bufferRing) throws IOException {
        IoUringIoHandlerConfig config = new IoUringIoHandlerConfig().setRingSize(RING_SIZE).setCqSize(2 * RING_SIZE);
        IoHandlerFactory ring = IoUringIoHandler.newFactory(config);
        group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, executor -> {
            IoHandler handler = ring.newHandler(executor);
            ringHandler = handler;
            return new GatheringIoHandler(handler, this, gatherNanos);
        });
        loop = group.next();
        // the buffers go to the kernel before any receive is in the ring (registrations come later, in order)
        try {
            ReceiveBuffers chosen = bufferRing ? loop.submit(() -> BufferRing.register(ringHandler)).syncUninterruptibly().getNow() : null;
            if (chosen == null) {
                ProvidedBuffers provided = new ProvidedBuffers(this);
                IoRegistration r = loop.register(provided.handle).syncUninterruptibly().getNow();
                loop.submit(() -> provided.start(r)).syncUninterruptibly();
                chosen = provided;
            }
            buffers = chosen;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("io_uring receive buffers not set up", e);
        }
    }

    @Override
    public MediaIoLoop.Registration register(DatagramChannel channel, DatagramHandler handler) {
        UringRegistration r = new UringRegistration(this, channel, ChannelDescriptor.of(channel), handler);
        live.add(r);
        try {
            loop.register(r.ringHandle).addListener((Future<IoRegistration> f) -> {
                if (f.isSuccess()) {
                    r.start(f.getNow());
                } else {
                    failures.incrementAndGet();
                    LOG.atWarn().setCause(f.cause()).log("media channel not registered with io_uring");
                    r.finish();
                }
            });
        } catch (RuntimeException e) { // the loop is shut down
            r.finish();
            throw e;
        }
        return r;
    }

    /**
     * Closes every channel through the ring and waits (bounded) until the ring returned their
     * operations: a ring shut down with a receive in flight is torn down by the kernel later, on its
     * own, and holds those sockets, their ports, until then.
     */
    private void closeRegistrations() {
        if (loop.inEventLoop()) {
            return; // the ring's completions come on this very thread: nothing to wait for here
        }
        try {
            loop.execute(() -> live.forEach(UringRegistration::close));
        } catch (RejectedExecutionException shutDown) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_NANOS;
        synchronized (finished) {
            long left;
            while (!live.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(finished, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A registration finished: its channel is closed and it left {@link #live}. */
    void finished() {
        synchronized (finished) {
            finished.notifyAll();
        }
    }

    @Override public int registrations() { return live.size(); }
    @Override public long datagrams() { return datagrams; }
    @Override public long rounds() { return rounds; }
    @Override public long naps() { return naps; }
    /** Not seen by a multishot receive (the kernel reads a socket's queue without asking): 0. */
    @Override public long readableChannels() { return 0; }
    @Override public long emptyReads() { return 0; }
    @Override public long handlerFailures() { return failures.get(); }
    @Override public long batchedSends() { return batchedSends; }
    @Override public long refusals() { return refusals.get(); }

    @Override
    public void close() {
        closeRegistrations();
        try {
            loop.submit(buffers::close).awaitUninterruptibly(1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException shutDown) {
            // the loop ended already, and the ring with it
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        for (UringRegistration r : live) {
            r.finish(); // the ring is gone with its operations: nothing writes into their memory any more
        }
    }
}
