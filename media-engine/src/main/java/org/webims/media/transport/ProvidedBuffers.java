package org.webims.media.transport;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.Buffer;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoOps;
import java.nio.ByteBuffer;

/**
 * The receive buffers one io_uring worker hands the kernel by {@code IORING_OP_PROVIDE_BUFFERS}
 * (Linux 5.7), where a {@link BufferRing} cannot be registered: the multishot receives of all its
 * sockets take one per datagram, and the worker gives it back once the handler returned.
 * Buffers go back in aligned runs of {@link #RUN}: one {@code PROVIDE_BUFFERS} (and one
 * completion) per run instead of per datagram (decision 0022). Runs go into the kernel's list
 * whole, so it hands a run's buffers out together and the run fills within a few datagrams;
 * meanwhile at most {@code RUN - 1} of it wait with us.
 * Loop thread only, after {@link #start}.
 */
final class ProvidedBuffers implements ReceiveBuffers {

    /** Buffers given back by one operation; {@link #COUNT} is a multiple. */
    static final int RUN = 16;
    private static final byte IORING_OP_PROVIDE_BUFFERS = 31;

    private final ByteBuffer memory = ReceiveBuffers.allocate();
    private final long base = Buffer.memoryAddress(memory);
    private final IoUringIoOps[] giveBack = new IoUringIoOps[COUNT / RUN];
    /** Per run, which of its buffers came back from a handler (bit i: buffer {@code run * RUN + i}). */
    private final int[] back = new int[COUNT / RUN];
    private final UringWorker worker;
    private IoRegistration registration;

    /** Completions of the hand-overs: nothing to do but count a failure. */
    final IoUringIoHandle handle = new IoUringIoHandle() {
        @Override
        public void handle(IoRegistration r, IoEvent event) {
            if (((IoUringIoEvent) event).res() < 0) {
                worker.failures.incrementAndGet(); // a run the kernel did not take back: RUN fewer in the pool
            }
        }

        @Override
        public void close() {
            // the ring, and the buffers registered with it, go with the loop
        }
    };

    ProvidedBuffers(UringWorker worker) {
        this.worker = worker;
        for (int run = 0; run < COUNT / RUN; run++) {
            giveBack[run] = provide(RUN, run * RUN);
        }
    }

    // fd: how many buffers; addr: the first; len: each one's size; off: the first's id
    private IoUringIoOps provide(int count, int firstId) {
        return new IoUringIoOps(IORING_OP_PROVIDE_BUFFERS, (byte) 0, (short) 0, count, firstId,
                base + (long) firstId * SIZE, SIZE, 0, (short) firstId, GROUP, (short) 0, 0, 0L);
    }

    /** On the loop thread, once registered: all buffers to the kernel, ahead of any receive in the ring. */
    void start(IoRegistration r) {
        registration = r;
        r.submit(provide(COUNT, 0));
    }

    boolean started() { return registration != null; }

    @Override
    public ByteBuffer memory() { return memory; }

    /** Buffer {@code id} is free again; its run goes back to the kernel once all of it is. */
    @Override
    public void giveBack(int id) {
        int run = id / RUN;
        int all = back[run] | 1 << (id % RUN);
        if (all == (1 << RUN) - 1) {
            back[run] = 0;
            registration.submit(giveBack[run]);
        } else {
            back[run] = all;
        }
    }
}
