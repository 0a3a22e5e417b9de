package org.webims.media.transport;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;
import java.util.concurrent.locks.LockSupport;

/**
 * Netty's io_uring handler with decision 0017's gathering (decision 0029): after a loop pass that
 * handled a few datagrams the I/O thread naps for the gather time before it enters the ring again,
 * so the datagrams of the calls that arrive meanwhile complete together in one
 * {@code io_uring_enter} instead of waking the thread one or two at a time. The ring is set up with
 * {@code IORING_SETUP_DEFER_TASKRUN} (Netty's single-issuer default), so the kernel queues those
 * receives' completions for the thread's next enter and does not wake it while it naps.
 *
 * <p>A pass that handled none or many datagrams does not nap, nor does one with tasks queued (a
 * closing socket, a transcode worker's sends, decision 0023); a task queued during a nap ends the
 * nap ({@link #wakeup}), so sends from other threads wait no longer than they did.
 */
final class GatheringIoHandler implements IoHandler {

    private final IoHandler ring;
    private final UringWorker worker;
    private final long gatherNanos;
    /** The loop thread while it naps, else null: whoever queues a task unparks it. */
    private volatile Thread napping;

    GatheringIoHandler(IoHandler ring, UringWorker worker, long gatherNanos) {
        this.ring = ring;
        this.worker = worker;
        this.gatherNanos = gatherNanos;
    }

    @Override
    public void initialize() {
        ring.initialize();
    }

    @Override
    public int run(IoHandlerContext context) {
        long before = worker.datagrams;
        int completions = ring.run(context);
        long handled = worker.datagrams - before;
        if (handled > 0) {
            worker.rounds++;
            if (gatherNanos > 0 && handled < MediaIoLoop.GATHER_BELOW) {
                nap(context);
            }
        }
        return completions;
    }

    private void nap(IoHandlerContext context) {
        napping = Thread.currentThread();
        // after publishing the nap: a task queued before it is seen here, one queued after sees the nap and unparks
        if (context.canBlock()) {
            worker.naps++;
            LockSupport.parkNanos(this, gatherNanos);
        }
        napping = null;
    }

    @Override
    public void wakeup() {
        ring.wakeup();
        Thread t = napping;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void prepareToDestroy() {
        ring.prepareToDestroy();
    }

    @Override
    public void destroy() {
        ring.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        return ring.register(handle);
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return ring.isCompatible(handleType);
    }
}
