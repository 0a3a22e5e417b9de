package org.webims.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sends one {@link SendBatchingThread} (a transcode worker) makes off the media I/O thread,
 * gathered and handed to the io_uring I/O thread together, so a worker's round goes out in one
 * hand-off (one loop wake-up at most) and one {@code io_uring_enter} with the I/O thread's own
 * work, instead of a {@code sendto} per packet (decision 0023). The packet is copied, so the
 * caller's buffer is free at once, as for any {@link MediaIoLoop.Registration#send}.
 *
 * <p>Held packets leave when the thread's task ends ({@link #flush}, called by the thread's
 * pool), when {@link #CAPACITY} are held, or at the next send once the oldest has waited
 * {@link #HOLD_NANOS}: a long round (many calls on one worker) does not hold its first packets
 * until its end. Destination, source socket and bytes are exactly those of the direct send.
 * Owned by its thread; only the parcels cross to the I/O thread (by the loop's task queue).
 */
public final class SendBatch {

    /** Packets held before they go, whatever the time: a parcel's size. */
    static final int CAPACITY = 64;
    /** Longest a held packet waits for more (a tenth of an audio frame; nothing next to a jitter buffer). */
    static final long HOLD_NANOS = 2_000_000;
    /** Parcels in flight per thread; with all of them still on the I/O thread a send goes straight out. */
    static final int PARCELS = 8;
    /** Bytes a parcel holds: 64 audio packets, or a few video ones (a packet that does not fit sends the parcel). */
    static final int PARCEL_BYTES = 16 * 1024;

    private final Parcel[] parcels = new Parcel[PARCELS];
    /** The parcel being filled for each I/O thread this thread sends through (usually one). */
    private final Parcel[] open = new Parcel[PARCELS];
    private int openCount;
    private int pending;
    private long oldestNanos;
    // this thread's only
    private long held;
    private long direct;
    private long handOffs;

    SendBatch() {
        for (int i = 0; i < PARCELS; i++) {
            parcels[i] = new Parcel();
        }
    }

    /** Holds {@code packet} (position to limit, consumed) for {@code from}'s I/O thread; bytes taken. */
    int add(UringRegistration from, ByteBuffer packet, InetSocketAddress to) throws IOException {
        Parcel p = openFor(from.worker);
        if (p != null && !p.fits(packet.remaining())) {
            flush();
            p = openFor(from.worker);
        }
        if (p == null) {
            direct++; // every parcel still on the I/O thread: a stalled loop must not stall the codecs
            return from.sendByCall(packet, to);
        }
        if (pending++ == 0) {
            oldestNanos = System.nanoTime();
        }
        int n = p.add(from, packet, to);
        held++;
        if (p.size == CAPACITY || (pending > 1 && System.nanoTime() - oldestNanos >= HOLD_NANOS)) {
            flush();
        }
        return n;
    }

    private Parcel openFor(UringWorker worker) {
        for (int i = 0; i < openCount; i++) {
            if (open[i].worker == worker) {
                return open[i];
            }
        }
        for (Parcel p : parcels) {
            if (p.take(worker)) {
                open[openCount++] = p;
                return p;
            }
        }
        return null;
    }

    /** Hands every held packet to its I/O thread. Idempotent; called at the end of each task of the thread. */
    public void flush() {
        for (int i = 0; i < openCount; i++) {
            open[i].dispatch();
            open[i] = null;
            handOffs++;
        }
        openCount = 0;
        pending = 0;
    }

    /** Packets that went out through a parcel. */
    public long held() {
        return held;
    }

    /** Hand-offs to an I/O thread: held / handOffs is the packets per hand-off. */
    public long handOffs() {
        return handOffs;
    }

    /** Packets sent straight from this thread because every parcel was in flight. */
    public long direct() {
        return direct;
    }

    /**
     * Packets for one I/O thread, copied in by the batching thread and sent by the I/O thread
     * through each registration's ring slots; free again once the I/O thread ran it.
     */
    private static final class Parcel implements Runnable {
        private final AtomicBoolean busy = new AtomicBoolean();
        private final UringRegistration[] from = new UringRegistration[CAPACITY];
        private final InetSocketAddress[] to = new InetSocketAddress[CAPACITY];
        private final int[] end = new int[CAPACITY]; // packet i is bytes end[i-1]..end[i] of the arena
        private final ByteBuffer arena = ByteBuffer.allocate(PARCEL_BYTES);
        private UringWorker worker;
        private int size;

        boolean fits(int bytes) {
            return used() + bytes <= PARCEL_BYTES;
        }

        private int used() {
            return size == 0 ? 0 : end[size - 1];
        }

        boolean take(UringWorker w) {
            if (!busy.compareAndSet(false, true)) {
                return false;
            }
            worker = w;
            size = 0;
            return true;
        }

        int add(UringRegistration r, ByteBuffer packet, InetSocketAddress dest) {
            int n = packet.remaining();
            int at = used();
            arena.limit(PARCEL_BYTES).position(at);
            arena.put(packet);
            end[size] = at + n;
            from[size] = r;
            to[size] = dest;
            size++;
            return n;
        }

        // the task queue of Netty's loop publishes what this thread wrote
        void dispatch() {
            try {
                worker.loop.execute(this);
            } catch (RejectedExecutionException shutDown) {
                release(); // the I/O thread is gone, and its sockets with it
            }
        }

        /** On the I/O thread: each packet into its socket's ring slots, all submitted in this loop pass. */
        @Override
        public void run() {
            for (int i = 0; i < size; i++) {
                arena.limit(end[i]).position(i == 0 ? 0 : end[i - 1]);
                try {
                    from[i].send(arena, to[i]);
                } catch (IOException e) {
                    worker.failures.incrementAndGet(); // a socket closed meanwhile: media is loss-tolerant
                }
            }
            release();
        }

        private void release() {
            for (int i = 0; i < size; i++) {
                from[i] = null;
                to[i] = null;
            }
            size = 0;
            busy.set(false);
        }
    }
}
