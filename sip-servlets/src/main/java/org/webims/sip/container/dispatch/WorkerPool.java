package org.webims.sip.container.dispatch;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads application code runs on, never the stack's I/O threads, and the admission
 * count behind overload control: new out-of-dialog work is refused past {@code maxPending}.
 */
public final class WorkerPool implements AutoCloseable {
    private final ParkingWorkers workers;
    private final ScheduledThreadPoolExecutor timers;
    private final int maxPending;

    /** {@code threads} from 1 to {@value ParkingWorkers#MAX_THREADS}, all started now. */
    public WorkerPool(int threads, int maxPending) {
        this.maxPending = maxPending;
        // all of them from the start: a pool that starts a thread per task until it is full would grow
        // with traffic's timing, and a thread count that depends on it hides a real thread leak
        this.workers = new ParkingWorkers(threads, "sip-app");
        AtomicInteger n = new AtomicInteger();
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timers.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} on a worker, counting it as pending until it ends. */
    public void execute(Runnable task) {
        workers.execute(task);
    }

    public ScheduledExecutorService timers() {
        return timers;
    }

    /** True when new out-of-dialog requests should get 503 (in-dialog work is never shed). */
    public boolean overloaded() {
        return workers.pending() >= maxPending;
    }

    public int pending() {
        return workers.pending();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.close(2000);
    }
}
