package org.webims.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * The media I/O threads: each reads the datagram channels registered with it and hands the
 * datagrams to their handlers on that thread. A channel stays on one thread for its life, so the
 * packets of one stream are handled in order and without locks. Sends made on that thread through
 * a {@link Registration} are batched with the thread's receives where io_uring is available
 * ({@link MediaIoKind}, decision 0020); elsewhere each is one system call, as from any thread.
 */
public final class MediaIoLoop implements AutoCloseable {

    /** Datagrams read from one channel before the loop serves the others (fairness, selector). */
    static final int BURST = 64;
    /** Reads that filled a channel's limit, in a row, before the limit doubles (selector). */
    static final int FULL_READS_TO_GROW = 4;
    /** Larger than any MTU-sized RTP packet; a bigger datagram is truncated and then dropped. */
    public static final int MAX_DATAGRAM = 2048;
    /** The default gather time: a tenth of the shortest audio packetization (2.5 ms) and far below any jitter buffer. */
    public static final long DEFAULT_GATHER_NANOS = 200_000;
    /** A round that handled fewer datagrams than this is followed by a nap of the gather time (both kinds). */
    static final int GATHER_BELOW = 32;

    private final IoWorker[] workers;
    private final MediaIoKind kind;
    private final AtomicInteger nextThread = new AtomicInteger();

    public MediaIoLoop(int threadCount, String namePrefix) throws IOException {
        this(threadCount, namePrefix, DEFAULT_GATHER_NANOS);
    }

    /** {@code gatherNanos} 0: wait for datagrams again at once after every round, without a nap. */
    public MediaIoLoop(int threadCount, String namePrefix, long gatherNanos) throws IOException {
        this(threadCount, namePrefix, gatherNanos, MediaIoKind.configured());
    }

    public MediaIoLoop(int threadCount, String namePrefix, long gatherNanos, MediaIoKind kind) throws IOException {
        if (gatherNanos < 0 || gatherNanos > 10_000_000) {
            throw new IllegalArgumentException("gather time must be 0..10 ms, was " + gatherNanos + " ns");
        }
        this.kind = kind;
        workers = new IoWorker[threadCount];
        try {
            for (int i = 0; i < threadCount; i++) {
                String name = namePrefix + "-" + i;
                workers[i] = kind == MediaIoKind.IO_URING ? new UringWorker(name, gatherNanos) : new SelectorWorker(name, gatherNanos);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public MediaIoKind kind() { return kind; }

    /** Starts reading {@code channel} (bound, non-blocking) on one of the I/O threads; the handle closes both. */
    public Registration register(DatagramChannel channel, DatagramHandler handler) {
        return workers[Math.floorMod(nextThread.getAndIncrement(), workers.length)].register(channel, handler);
    }

    /**
     * As {@link #register(DatagramChannel, DatagramHandler)}, on the thread of {@code group}: every
     * channel of one group (a pipeline: a call's SRTP and RTP sockets) on one thread, so a packet
     * received on one is forwarded out of another in the same loop pass, its send batched with
     * that pass's instead of a system call from a foreign thread (decision 0022).
     */
    public Registration register(DatagramChannel channel, DatagramHandler handler, Object group) {
        int h = System.identityHashCode(group);
        return workers[Math.floorMod(h ^ (h >>> 16), workers.length)].register(channel, handler);
    }

    /** Channels currently served, over all threads (for leak checks and stats). */
    public int registrations() { return (int) sum(IoWorker::registrations); }

    /** Datagrams read, over all threads. */
    public long datagrams() { return sum(IoWorker::datagrams); }

    /** Wake-ups that found work (datagrams per round = datagrams / rounds), over all threads. */
    public long rounds() { return sum(IoWorker::rounds); }

    /** Gathering naps after light rounds, over all threads. */
    public long naps() { return sum(IoWorker::naps); }

    /** Times a channel was found readable (datagrams per readable channel = datagrams / this), over all threads. */
    public long readableChannels() { return sum(IoWorker::readableChannels); }

    /** Receive calls that found no datagram (each one a system call that did no work), over all threads. */
    public long emptyReads() { return sum(IoWorker::emptyReads); }

    /** Handlers that threw, and receives or batched sends that failed: counted, and the loop carries on. */
    public long handlerFailures() { return sum(IoWorker::handlerFailures); }

    /** Sends that went out batched through io_uring (the rest were one system call each). */
    public long batchedSends() { return sum(IoWorker::batchedSends); }

    /**
     * ICMP port-unreachable reports of connected sockets' peers ({@code ECONNREFUSED} on a send or
     * receive), over all threads: counted, the socket carries on (decision 0046).
     */
    public long refusals() { return sum(IoWorker::refusals); }

    private long sum(ToLongFunction<IoWorker> f) {
        long n = 0;
        for (IoWorker w : workers) {
            if (w != null) {
                n += f.applyAsLong(w);
            }
        }
        return n;
    }

    /**
     * Stops the threads and closes every registered channel, also one registered just before (its
     * thread may not have had a turn yet); on io_uring once the ring gave the sockets back, so their
     * ports are free when this returns (each wait bounded). A registration after this is closed at once.
     */
    @Override
    public void close() {
        for (IoWorker w : workers) {
            if (w != null) {
                w.close();
            }
        }
    }

    /** One channel on one I/O thread. */
    public interface Registration extends AutoCloseable {

        DatagramChannel channel();

        /**
         * Sends {@code packet} (position to limit, consumed) to {@code to} from this channel without
         * blocking: the bytes sent (or queued: the buffer may be reused at once), 0 when the socket
         * buffer is full. Any thread; on the channel's I/O thread it may be batched with others.
         */
        int send(ByteBuffer packet, InetSocketAddress to) throws IOException;

        /**
         * Sends {@code length} bytes of {@code packet} from {@code offset}, as {@link #send(ByteBuffer,
         * InetSocketAddress)} does; {@code staging} is the caller's direct buffer (room for a datagram),
         * used only when the datagram goes out by a system call. The io_uring registration copies the
         * bytes straight into its send slot on its own thread (decision 0036), one copy fewer per packet.
         */
        default int send(byte[] packet, int offset, int length, ByteBuffer staging, InetSocketAddress to)
                throws IOException {
            staging.clear();
            staging.put(packet, offset, length).flip();
            return send(staging, to);
        }

        /**
         * Connects the socket to {@code peer}, the one address it exchanges media with (null:
         * unconnected again), for a leg that accepts nothing but its negotiated peer (decision 0046).
         * The kernel then drops every other sender's datagram, and a send to the peer goes without
         * an address by the socket's cached route. Sends to any other address keep working while
         * the connection moves; the peer's ICMP port-unreachable comes back as {@code ECONNREFUSED},
         * counted ({@link MediaIoLoop#refusals}) without ending the reading. Any thread. The first
         * connection is made at once (before the caller's answer can bring the peer's datagrams); on
         * io_uring a later move happens on the I/O thread once none of the socket's sends without an
         * address is in the ring (each must still reach the peer it was meant for).
         */
        void connect(InetSocketAddress peer);

        /**
         * Runs {@code task} on this channel's I/O thread, after the pass it is in (any thread): work
         * on state that thread alone touches, without a lock. Dropped once the loop is gone.
         */
        void execute(Runnable task);

        /** Stops reading and closes the channel, freeing its port; idempotent. */
        @Override
        void close();
    }
}
