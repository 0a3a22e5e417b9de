package org.webims.sip.container.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container's worker threads: every task runs once, a parked worker always wakes for new work. */
class ParkingWorkersTest {
    private ParkingWorkers workers;

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.close(5000);
        }
    }

    @Test
    void aTaskGivenAfterEveryWorkerParkedStillRuns() throws InterruptedException {
        workers = new ParkingWorkers(2, "test-app");
        // one at a time, each after the last finished: every hand-off finds the workers parked or parking,
        // the window where a lost wake-up would leave a task queued with nobody to run it
        for (int i = 0; i < 5000; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            workers.execute(ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS), "task " + i + " never ran");
        }
    }

    @Test
    void everyTaskFromConcurrentProducersRunsExactlyOnce() throws InterruptedException {
        workers = new ParkingWorkers(3, "test-app");
        int producers = 4;
        int perProducer = 20_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(producers * perProducer);
        CountDownLatch done = new CountDownLatch(producers * perProducer);
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            threads[p] = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int slot = base + i;
                    workers.execute(() -> {
                        runs.incrementAndGet(slot);
                        done.countDown();
                    });
                }
            });
            threads[p].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "tasks left unrun: " + done.getCount());
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i), "task " + i);
        }
    }

    @Test
    void tasksRunOnTheNamedWorkersNeverTheCaller() throws InterruptedException {
        workers = new ParkingWorkers(2, "test-app");
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            workers.execute(() -> {
                names.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertFalse(names.contains(Thread.currentThread().getName()));
        assertTrue(Set.of("test-app-1", "test-app-2").containsAll(names), names.toString());
    }

    @Test
    void pendingCountsQueuedAndRunningTasksUntilTheyEnd() throws InterruptedException {
        workers = new ParkingWorkers(1, "test-app");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        workers.execute(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CountDownLatch second = new CountDownLatch(1);
        workers.execute(second::countDown);

        assertEquals(2, workers.pending(), "one running, one queued behind it");
        release.countDown();
        assertTrue(second.await(10, TimeUnit.SECONDS));
        waitUntilNothingPending();
        assertEquals(0, workers.pending());
    }

    @Test
    void aFailingTaskDoesNotStopItsWorker() throws InterruptedException {
        workers = new ParkingWorkers(1, "test-app");
        workers.execute(() -> {
            throw new IllegalStateException("task fails on purpose");
        });
        CountDownLatch next = new CountDownLatch(1);
        workers.execute(next::countDown);
        assertTrue(next.await(10, TimeUnit.SECONDS), "the one worker went on after the failure");
    }

    @Test
    void closeRunsWhatWasQueuedThenRefusesNewTasks() throws InterruptedException {
        workers = new ParkingWorkers(1, "test-app");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        workers.execute(() -> awaitQuietly(release));
        for (int i = 0; i < 10; i++) {
            workers.execute(ran::incrementAndGet);
        }
        Thread closer = new Thread(() -> workers.close(10_000));
        closer.start();
        release.countDown();
        closer.join();

        assertEquals(10, ran.get(), "tasks queued before close still ran");
        assertThrows(RejectedExecutionException.class, () -> workers.execute(ran::incrementAndGet));
    }

    @Test
    void refusesAThreadCountItCannotTrack() {
        assertThrows(IllegalArgumentException.class, () -> new ParkingWorkers(0, "test-app"));
        assertThrows(IllegalArgumentException.class, () -> new ParkingWorkers(ParkingWorkers.MAX_THREADS + 1, "test-app"));
    }

    private void waitUntilNothingPending() throws InterruptedException {
        // pending drops just after the task's body; wait for it rather than for a fixed time
        for (int i = 0; i < 10_000 && workers.pending() > 0; i++) {
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
