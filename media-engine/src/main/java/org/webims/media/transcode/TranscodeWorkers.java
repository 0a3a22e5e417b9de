package org.webims.media.transcode;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.webims.media.transport.SendBatchingThread;

/**
 * The one pool that runs every transcoder's codec work, a thread per core: audio adapters are
 * ticked on it every 20 ms, all in one periodic task ({@link SharedTicks}), video adapters hand
 * it their frames. Codec work never runs on a media I/O thread (decision 0007). The threads hold
 * their RTP sends and hand them to the io_uring I/O thread together at the end of each task
 * (decision 0023). Closed with the factory that made it; closing waits for the threads.
 */
public final class TranscodeWorkers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * {@code -Dwebims.media.batched-sends=false}: the workers send each packet themselves, one
     * system call each, as before decision 0023 (for an A/B in one build).
     */
    static final boolean BATCHED_SENDS = !"false".equals(System.getProperty("webims.media.batched-sends"));

    /** The audio clock: 20 ms, one frame of Opus and AMR-WB. */
    static final int TICK_MILLIS = 20;

    private final ScheduledThreadPoolExecutor executor;
    private final SharedTicks ticks;

    public TranscodeWorkers(int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            String name = "transcode-" + pool + "-" + n.incrementAndGet();
            Thread t = BATCHED_SENDS ? new SendBatchingThread(r, name) : new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
        executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), factory) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                // a task's (a tick round's, a video frame's) packets go out together when it ends (decision 0023)
                SendBatchingThread.flushCurrent();
            }
        };
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        ticks = new SharedTicks(executor, executor.getCorePoolSize(), TICK_MILLIS * 1_000_000L);
    }

    /** A pool with one thread per available core. */
    public static TranscodeWorkers perCore() {
        return new TranscodeWorkers(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code member} every {@value #TICK_MILLIS} ms with every other member; a period that
     * overruns delays the next. A member whose own tick outlasts a period may be ticked again
     * before it returns, so it serialises its ticks itself (AudioTranscoder does under its lock).
     */
    SharedTicks.Membership everyTick(SharedTicks.Member member) {
        return ticks.join(member);
    }

    /** The shared audio clock, for tests and counters. */
    SharedTicks ticks() {
        return ticks;
    }

    /** Runs one task soon (a video adapter draining its queue). False once the pool is closed. */
    boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return false;
        }
    }

    public int threads() {
        return executor.getCorePoolSize();
    }

    public boolean isClosed() {
        return executor.isShutdown();
    }

    /** Stops the threads and waits (up to 5 s) until they have ended. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
