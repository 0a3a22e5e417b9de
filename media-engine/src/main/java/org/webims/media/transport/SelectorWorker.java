package org.webims.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media I/O thread on the JDK's selector: one {@code recvfrom} per datagram read and one
 * {@code sendto} per datagram sent (the fallback when io_uring is unavailable, decision 0020).
 *
 * <p>After a light round (fewer than {@link MediaIoLoop#GATHER_BELOW} datagrams) it naps for the
 * gather time before it selects again, so that the datagrams of many calls arriving meanwhile are
 * served by one wake-up instead of one each (decision 0017); a heavy round does not nap.
 */
final class SelectorWorker implements IoWorker, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SelectorWorker.class);

    final Thread thread;
    final Selector selector;
    // registrations to attach and tasks to run on this thread, taken once per pass; registrations
    // apart, so that what the thread never attached (closed before its first turn) is still closed
    final Queue<SelectorRegistration> attaching = new ConcurrentLinkedQueue<>();
    final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    final byte[] buffer = new byte[MediaIoLoop.MAX_DATAGRAM];
    // Received into a direct buffer, then copied out: given a heap buffer NIO makes the same copy
    // from a thread-local direct buffer it looks up per call, which showed in the relay's profile.
    final ByteBuffer view = ByteBuffer.allocateDirect(MediaIoLoop.MAX_DATAGRAM);
    final AtomicLong failures = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final long gatherNanos;
    volatile boolean running = true;
    // written by this thread only, read for statistics
    long datagrams;
    long emptyReads;
    long rounds;
    long naps;
    long readable;

    SelectorWorker(String name, long gatherNanos) throws IOException {
        this.gatherNanos = gatherNanos;
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public MediaIoLoop.Registration register(DatagramChannel channel, DatagramHandler handler) {
        SelectorRegistration registration = new SelectorRegistration(this, channel, handler);
        attaching.add(registration);
        selector.wakeup();
        if (!running) {
            closeUnattached(); // the thread is gone or going, and may have emptied the queue before the add
        }
        return registration;
    }

    @Override public int registrations() { return selector.keys().size(); }
    @Override public long datagrams() { return datagrams; }
    @Override public long rounds() { return rounds; }
    @Override public long naps() { return naps; }
    @Override public long readableChannels() { return readable; }
    @Override public long emptyReads() { return emptyReads; }
    @Override public long handlerFailures() { return failures.get(); }
    @Override public long batchedSends() { return 0; }
    @Override public long refusals() { return refusals.get(); }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                long before = datagrams;
                if (selector.select(this::readReady) > 0) {
                    rounds++;
                }
                for (SelectorRegistration r; (r = attaching.poll()) != null; ) {
                    attach(r);
                }
                for (Runnable task; (task = pending.poll()) != null; ) {
                    runTask(task);
                }
                long handled = datagrams - before;
                if (gatherNanos > 0 && handled > 0 && handled < MediaIoLoop.GATHER_BELOW && running) {
                    naps++;
                    LockSupport.parkNanos(gatherNanos); // gather what arrives meanwhile (class comment)
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.atError().setCause(e).log("media I/O thread stopped");
        } finally {
            closeAll();
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.atDebug().setCause(e).log("media I/O task failed");
        }
    }

    private void attach(SelectorRegistration r) {
        if (r.closed) {
            return;
        }
        try {
            r.key = r.channel.register(selector, SelectionKey.OP_READ, r);
            if (r.closed) {
                r.key.cancel();
            }
        } catch (ClosedChannelException e) {
            // closed before it was attached: nothing to read
        }
    }

    /**
     * Reads up to the channel's limit. A channel mostly holds one datagram when it is ready (one
     * call's audio), so reading until the socket is empty would cost a second receive, finding
     * nothing, per datagram; the limit starts at one, doubles (to {@link MediaIoLoop#BURST}) after it
     * was filled {@link MediaIoLoop#FULL_READS_TO_GROW} times in a row, and drops to what a read found
     * when the socket ran empty. Epoll is level-triggered: what is left is read on the next pass.
     */
    private void readReady(SelectionKey key) {
        SelectorRegistration r = (SelectorRegistration) key.attachment();
        readable++;
        int limit = r.readLimit;
        for (int i = 0; i < limit && !r.closed; i++) {
            view.clear();
            SocketAddress from;
            try {
                from = r.channel.receive(view);
            } catch (PortUnreachableException e) {
                refusals.incrementAndGet(); // a connected socket's peer is not there (now); the next read goes on
                return;
            } catch (IOException e) {
                failures.incrementAndGet();
                return;
            }
            if (from == null) {
                emptyReads++;
                r.readLimit = Math.max(1, i);
                r.fullReads = 0;
                return;
            }
            datagrams++;
            int length = view.position();
            view.flip().get(buffer, 0, length);
            try {
                r.handler.onDatagram(buffer, 0, length, (InetSocketAddress) from);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.atDebug().setCause(e).log("media datagram handler failed");
            }
        }
        if (++r.fullReads >= MediaIoLoop.FULL_READS_TO_GROW && limit < MediaIoLoop.BURST) {
            r.readLimit = Math.min(MediaIoLoop.BURST, limit * 2);
            r.fullReads = 0;
        }
    }

    private void closeUnattached() {
        for (SelectorRegistration r; (r = attaching.poll()) != null; ) {
            r.close();
        }
    }

    private void closeAll() {
        closeUnattached();
        List<SelectionKey> keys = new ArrayList<>(selector.keys());
        for (SelectionKey k : keys) {
            ((SelectorRegistration) k.attachment()).close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("closing selector failed");
        }
    }

    /** One channel on this thread; sends go straight to the channel (one system call each). */
    static final class SelectorRegistration implements MediaIoLoop.Registration {
        private final SelectorWorker owner;
        final DatagramChannel channel;
        final DatagramHandler handler;
        volatile SelectionKey key;
        volatile boolean closed;
        // the I/O thread's only: how many datagrams to read per readiness, and how often that limit was filled
        int readLimit = 1;
        int fullReads;

        SelectorRegistration(SelectorWorker owner, DatagramChannel channel, DatagramHandler handler) {
            this.owner = owner;
            this.channel = channel;
            this.handler = handler;
        }

        @Override
        public DatagramChannel channel() { return channel; }

        @Override
        public int send(ByteBuffer packet, InetSocketAddress to) throws IOException {
            return PeerConnection.send(channel, packet, to, owner.refusals);
        }

        /** At once, on the calling thread: every send here is the JDK's, which follows the connection itself. */
        @Override
        public void connect(InetSocketAddress peer) {
            if (!closed) {
                PeerConnection.connect(channel, peer);
            }
        }

        @Override
        public void execute(Runnable task) {
            owner.pending.add(task);
            owner.selector.wakeup();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            SelectionKey k = key;
            if (k != null) {
                k.cancel();
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.atDebug().setCause(e).log("closing media channel failed");
            }
            owner.selector.wakeup();
        }
    }
}
