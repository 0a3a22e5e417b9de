package org.webims.sip.container.dispatch;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in order, on a shared pool: one per application session, so no two
 * threads are ever inside one application session at once (JSR 289 §6.4.2 concurrency).
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor pool;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        scheduleIfIdle();
    }

    /**
     * Runs {@code task} on the calling thread when nothing of this executor's is queued or
     * running, else queues it as {@link #execute} does. Only for a thread of the shared pool that
     * has just made the session: handing the task to the pool would wake a second worker to do
     * what this one can (one hand-off less per initial request). Still one task at a time.
     */
    public void executeHere(Runnable task) {
        if (!tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
            execute(task);
            return;
        }
        try {
            runOne(task);
        } finally {
            scheduled.set(false);
            scheduleIfIdle(); // what arrived meanwhile goes to the pool, behind this task
        }
    }

    private void scheduleIfIdle() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        try {
            // Bounded batch so one busy session cannot starve the others on the pool.
            for (int i = 0; i < 64; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                runOne(task);
            }
        } finally {
            scheduled.set(false);
            scheduleIfIdle();
        }
    }

    private static void runOne(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.atWarn().setCause(e).log("application task failed");
        }
    }
}
