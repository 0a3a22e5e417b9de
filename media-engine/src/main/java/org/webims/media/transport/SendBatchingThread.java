package org.webims.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A thread whose sends through a {@link MediaIoLoop.Registration} on an io_uring I/O thread are
 * held and sent together. Two kinds: one hands them to the I/O thread in its {@link SendBatch}
 * (decision 0023: an audio round, many sockets, one wake-up of the I/O thread); one that sends
 * itself puts each socket's run on the wire by one {@code sendmmsg} in its {@link SocketSendBatch}
 * (decision 0057: a video frame, one socket, no wake-up of the I/O thread at all). Whoever runs
 * tasks on it must {@link #flushCurrent} after each task, so nothing waits for the thread's next
 * task: the transcode workers' pool does it in {@code afterExecute}, a video worker after each
 * frame ({@link #frameDone}) and pass (decision 0030).
 */
public final class SendBatchingThread extends Thread {

    private final SendBatch batch; // null: this thread sends itself
    private final SocketSendBatch own; // null: the I/O thread sends

    /** A thread that hands its sends to the I/O thread. */
    public SendBatchingThread(Runnable task, String name) {
        this(task, name, false);
    }

    /**
     * {@code sendsItself}: this thread sends its packets by its own system call, where the system
     * has one for it ({@link SocketSendBatch#available}); else it hands them to the I/O thread.
     */
    public SendBatchingThread(Runnable task, String name, boolean sendsItself) {
        super(task, name);
        boolean own = sendsItself && SocketSendBatch.available();
        this.own = own ? new SocketSendBatch() : null;
        this.batch = own ? null : new SendBatch();
    }

    /** This thread's batch towards the I/O thread; null when it sends itself. Only this thread may use it. */
    public SendBatch batch() {
        return batch;
    }

    /** This thread's own sends; null when it hands them to the I/O thread. Only this thread may use it. */
    public SocketSendBatch ownSends() {
        return own;
    }

    // UringRegistration.send, on this thread: a packet the I/O thread's ring could have taken
    int hold(UringRegistration from, ByteBuffer packet, InetSocketAddress to) throws IOException {
        return own != null ? own.add(from, packet, to) : batch.add(from, packet, to);
    }

    /** Hands what the calling thread holds to the I/O threads, or sends it; nothing when it is not a batching thread. */
    public static void flushCurrent() {
        if (Thread.currentThread() instanceof SendBatchingThread t) {
            if (t.own != null) {
                t.own.flush();
            } else {
                t.batch.flush();
            }
        }
    }

    /**
     * A frame's packets are all held: a thread that sends itself sends them now (one system call,
     * nothing woken, so the frame does not wait for the rest of the pass); one that hands them to
     * the I/O thread keeps them for the end of its pass, one wake-up of that thread per pass.
     */
    public static void frameDone() {
        if (Thread.currentThread() instanceof SendBatchingThread t && t.own != null) {
            t.own.flush();
        }
    }
}
