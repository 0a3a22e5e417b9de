package org.webims.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media I/O threads: each owns a selector and a receive buffer, reads every ready datagram
 * channel registered with it and hands the datagrams to their handlers on that thread. A channel
 * stays on one thread for its life, so the packets of one stream are handled in order and
 * without locks.
 *
 * <p>After a light round (fewer than {@link #GATHER_BELOW} datagrams) a thread naps for the
 * gather time before it selects again, so that the datagrams of many calls arriving meanwhile are
 * served by one wake-up instead of one each: on a loaded relay a wake-up (a context switch and an
 * epoll_wait) per datagram cost more than the datagram itself (decision 0017). Media waits at most
 * that long more; a heavy round does not nap.
 */
public final class MediaIoLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaIoLoop.class);
    /** Datagrams read from one channel before the loop serves the others (fairness). */
    static final int BURST = 64;
    /** Reads that filled a channel's limit, in a row, before the limit doubles. */
    static final int FULL_READS_TO_GROW = 4;
    /** Larger than any MTU-sized RTP packet; a bigger datagram is truncated and then dropped. */
    public static final int MAX_DATAGRAM = 2048;
    /** The default gather time: a tenth of the shortest audio packetization (2.5 ms) and far below any jitter buffer. */
    public static final long DEFAULT_GATHER_NANOS = 200_000;
    /** A round that handled fewer datagrams than this is followed by a nap of the gather time. */
    static final int GATHER_BELOW = 32;

    private final IoThread[] threads;
    private final AtomicInteger nextThread = new AtomicInteger();

    public MediaIoLoop(int threadCount, String namePrefix) throws IOException {
        this(threadCount, namePrefix, DEFAULT_GATHER_NANOS);
    }

    /** {@code gatherNanos} 0: select again at once after every round (one wake-up per datagram when idle). */
    public MediaIoLoop(int threadCount, String namePrefix, long gatherNanos) throws IOException {
        if (gatherNanos < 0 || gatherNanos > 10_000_000) {
            throw new IllegalArgumentException("gather time must be 0..10 ms, was " + gatherNanos + " ns");
        }
        threads = new IoThread[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = new IoThread(namePrefix + "-" + i, gatherNanos);
        }
        for (IoThread t : threads) {
            t.thread.start();
        }
    }

    /** Starts reading {@code channel} on one of the I/O threads; the handle closes both. */
    public Registration register(DatagramChannel channel, DatagramHandler handler) {
        IoThread owner = threads[Math.floorMod(nextThread.getAndIncrement(), threads.length)];
        Registration registration = new Registration(owner, channel, handler);
        owner.pending.add(registration);
        owner.selector.wakeup();
        return registration;
    }

    /** Channels currently served, over all threads (for leak checks and stats). */
    public int registrations() {
        int n = 0;
        for (IoThread t : threads) {
            n += t.selector.keys().size();
        }
        return n;
    }

    /** Datagrams read, over all threads. */
    public long datagrams() {
        long n = 0;
        for (IoThread t : threads) {
            n += t.datagrams;
        }
        return n;
    }

    /** Selector wake-ups that found work (datagrams per round = datagrams / rounds), over all threads. */
    public long rounds() {
        long n = 0;
        for (IoThread t : threads) {
            n += t.rounds;
        }
        return n;
    }

    /** Times a channel was found readable (datagrams per readable channel = datagrams / this), over all threads. */
    public long readableChannels() {
        long n = 0;
        for (IoThread t : threads) {
            n += t.readable;
        }
        return n;
    }

    /** Receive calls that found no datagram (each one a system call that did no work), over all threads. */
    public long emptyReads() {
        long n = 0;
        for (IoThread t : threads) {
            n += t.emptyReads;
        }
        return n;
    }

    /** Handlers that threw: counted, and the loop carries on. */
    public long handlerFailures() {
        long n = 0;
        for (IoThread t : threads) {
            n += t.failures.get();
        }
        return n;
    }

    @Override
    public void close() {
        for (IoThread t : threads) {
            t.running = false;
            t.selector.wakeup();
        }
        for (IoThread t : threads) {
            try {
                t.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One channel on one I/O thread. */
    public static final class Registration implements AutoCloseable {
        private final IoThread owner;
        private final DatagramChannel channel;
        private final DatagramHandler handler;
        private volatile SelectionKey key;
        private volatile boolean closed;
        // the I/O thread's only: how many datagrams to read per readiness, and how often that limit was filled
        private int readLimit = 1;
        private int fullReads;

        Registration(IoThread owner, DatagramChannel channel, DatagramHandler handler) {
            this.owner = owner;
            this.channel = channel;
            this.handler = handler;
        }

        public DatagramChannel channel() { return channel; }

        /** Stops reading and closes the channel, freeing its port; idempotent. */
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

    private static final class IoThread implements Runnable {
        final Thread thread;
        final Selector selector;
        final Queue<Registration> pending = new ConcurrentLinkedQueue<>();
        final byte[] buffer = new byte[MAX_DATAGRAM];
        // Received into a direct buffer, then copied out: given a heap buffer NIO makes the same copy
        // from a thread-local direct buffer it looks up per call, which showed in the relay's profile.
        final ByteBuffer view = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        final AtomicLong failures = new AtomicLong();
        final long gatherNanos;
        volatile boolean running = true;
        // written by this thread only, read for statistics
        long datagrams;
        long emptyReads;
        long rounds;
        long readable;

        IoThread(String name, long gatherNanos) throws IOException {
            this.gatherNanos = gatherNanos;
            this.selector = Selector.open();
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    long before = datagrams;
                    if (selector.select(this::readReady) > 0) {
                        rounds++;
                    }
                    for (Registration r; (r = pending.poll()) != null; ) {
                        attach(r);
                    }
                    long handled = datagrams - before;
                    if (gatherNanos > 0 && handled > 0 && handled < GATHER_BELOW && running) {
                        LockSupport.parkNanos(gatherNanos); // gather what arrives meanwhile (class comment)
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.atError().setCause(e).log("media I/O thread stopped");
            } finally {
                closeAll();
            }
        }

        private void attach(Registration r) {
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
         * nothing, per datagram; the limit starts at one, doubles (to {@link #BURST}) after it was
         * filled {@link #FULL_READS_TO_GROW} times in a row, and drops to what a read found when the
         * socket ran empty. Epoll is level-triggered: what is left is read on the next pass.
         */
        private void readReady(SelectionKey key) {
            Registration r = (Registration) key.attachment();
            readable++;
            int limit = r.readLimit;
            for (int i = 0; i < limit && !r.closed; i++) {
                view.clear();
                SocketAddress from;
                try {
                    from = r.channel.receive(view);
                } catch (IOException e) {
                    // ICMP port unreachable from a previous send surfaces here on Linux; not fatal.
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
            if (++r.fullReads >= FULL_READS_TO_GROW && limit < BURST) {
                r.readLimit = Math.min(BURST, limit * 2);
                r.fullReads = 0;
            }
        }

        private void closeAll() {
            List<SelectionKey> keys = new ArrayList<>(selector.keys());
            for (SelectionKey k : keys) {
                ((Registration) k.attachment()).close();
            }
            try {
                selector.close();
            } catch (IOException e) {
                LOG.atDebug().setCause(e).log("closing selector failed");
            }
        }
    }
}
