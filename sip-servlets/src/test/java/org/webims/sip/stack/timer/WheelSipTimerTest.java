package org.webims.sip.stack.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JAIN-SIP's timer contract on the wheel, with its real thread. */
class WheelSipTimerTest {
    private final WheelSipTimer timer = new WheelSipTimer();

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void runsAOneShotTaskOnceAndNeverBeforeItsDelay() throws Exception {
        timer.start(null, null);
        Task task = new Task(1);
        long scheduledAt = System.nanoTime();
        timer.schedule(task, 200);
        assertTrue(task.ran.await(10, TimeUnit.SECONDS));
        assertTrue(task.firstRunAt.get() - scheduledAt >= TimeUnit.MILLISECONDS.toNanos(200), "ran early");
        Task marker = new Task(1); // a later task has run, so a second run of the first would have happened
        timer.schedule(marker, 3 * WheelSipTimer.TICK_MILLIS);
        assertTrue(marker.ran.await(10, TimeUnit.SECONDS));
        assertEquals(1, task.runs.get());
    }

    @Test
    void repeatsAFixedDelayTaskUntilItCancelsItself() throws Exception {
        timer.start(null, null);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch cancelled = new CountDownLatch(1);
        SIPStackTimerTask task = new SIPStackTimerTask() {
            @Override public void runTask() {
                if (runs.incrementAndGet() == 3) {
                    timer.cancel(this); // what JAIN-SIP's transaction timer does once terminated
                }
            }
            @Override public void cleanUpBeforeCancel() { cancelled.countDown(); }
            @Override public Object getThreadHash() { return null; }
        };
        timer.scheduleWithFixedDelay(task, 0, 20);
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        Task marker = new Task(1);
        timer.schedule(marker, 100);
        assertTrue(marker.ran.await(10, TimeUnit.SECONDS));
        assertEquals(3, runs.get());
    }

    @Test
    void aCancelledTaskNeverRunsAndCancellingTwiceSaysSo() throws Exception {
        timer.start(null, null);
        Task cancelledTask = new Task(1);
        timer.schedule(cancelledTask, 50);
        assertTrue(timer.cancel(cancelledTask));
        assertFalse(timer.cancel(cancelledTask));
        Task marker = new Task(1);
        timer.schedule(marker, 100);
        assertTrue(marker.ran.await(10, TimeUnit.SECONDS));
        assertEquals(0, cancelledTask.runs.get());
    }

    @Test
    void aFailingTaskDoesNotStopTheTasksAfterIt() throws Exception {
        timer.start(null, null);
        timer.schedule(new SIPStackTimerTask() {
            @Override public void runTask() { throw new IllegalStateException("task failure for the test"); }
            @Override public Object getThreadHash() { return null; }
        }, 0);
        Task after = new Task(1);
        timer.schedule(after, 30);
        assertTrue(after.ran.await(10, TimeUnit.SECONDS));
    }

    @Test
    void stopEndsTheThreadAndRefusesNewTasks() throws Exception {
        timer.start(null, null);
        Task first = new Task(1);
        timer.schedule(first, 0);
        assertTrue(first.ran.await(10, TimeUnit.SECONDS));
        Task pending = new Task(1);
        timer.schedule(pending, 60_000);
        timer.stop();
        assertFalse(timer.isStarted());
        assertFalse(first.thread.isAlive(), "timer thread still alive after stop");
        assertThrows(IllegalStateException.class, () -> timer.schedule(new Task(1), 10));
        assertEquals(0, pending.runs.get());
    }

    /** Counts its runs and the time of its first. */
    private static final class Task extends SIPStackTimerTask {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicLong firstRunAt = new AtomicLong();
        volatile Thread thread;
        final CountDownLatch ran;

        Task(int expectedRuns) {
            ran = new CountDownLatch(expectedRuns);
        }

        @Override
        public void runTask() {
            if (runs.incrementAndGet() == 1) {
                firstRunAt.set(System.nanoTime());
                thread = Thread.currentThread();
            }
            ran.countDown();
        }

        @Override
        public Object getThreadHash() {
            return null;
        }
    }
}
