package org.webims.media.transport;

/**
 * A thread whose sends through a {@link MediaIoLoop.Registration} on an io_uring I/O thread are
 * held in its {@link SendBatch} and handed over together (decision 0023). Whoever runs tasks on
 * it must {@link SendBatch#flush} after each task, so nothing waits for the thread's next task:
 * the transcode workers' pool does it in {@code afterExecute}, a video worker after each pass
 * over its streams (decision 0030).
 */
public final class SendBatchingThread extends Thread {

    private final SendBatch batch = new SendBatch();

    public SendBatchingThread(Runnable task, String name) {
        super(task, name);
    }

    /** This thread's batch; only this thread may use it. */
    public SendBatch batch() {
        return batch;
    }

    /** Hands what the calling thread holds to the I/O threads; nothing when it is not a batching thread. */
    public static void flushCurrent() {
        if (Thread.currentThread() instanceof SendBatchingThread t) {
            t.batch.flush();
        }
    }
}
