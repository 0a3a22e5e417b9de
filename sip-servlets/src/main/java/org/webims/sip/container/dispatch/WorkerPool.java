package org.webims.sip.container.dispatch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads application code runs on, never the stack's I/O threads, and the admission
 * count behind overload control: new out-of-dialog work is refused past {@code maxPending}.
 */
public final class WorkerPool implements AutoCloseable {
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timers;
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;

    public WorkerPool(int threads, int maxPending) {
        this.maxPending = maxPending;
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("sip-app"));
        // all of them from the start: a pool that starts a thread per task until it is full would grow
        // with traffic's timing, and a thread count that depends on it hides a real thread leak
        this.workers.prestartAllCoreThreads();
        this.timers = new ScheduledThreadPoolExecutor(1, named("sip-timer"));
        this.timers.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code task} on a worker, counting it as pending until it ends. */
    public void execute(Runnable task) {
        pending.incrementAndGet();
        workers.execute(() -> {
            try {
                task.run();
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    public ExecutorService workers() {
        return workers;
    }

    public ScheduledExecutorService timers() {
        return timers;
    }

    /** Timer tasks waiting to run (cancelled ones leave at once), for tests and metrics: a leak shows here. */
    public int scheduledTimers() {
        return timers.getQueue().size();
    }

    /** True when new out-of-dialog requests should get 503 (in-dialog work is never shed). */
    public boolean overloaded() {
        return pending.get() >= maxPending;
    }

    public int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
