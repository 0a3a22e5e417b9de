package org.webims.sip.container.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One task at a time per application session (JSR 289 §6.4.2), also when a worker runs one itself. */
class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void executeHereRunsOnTheCallingThreadWhenTheExecutorIsIdle() {
        SerialExecutor executor = new SerialExecutor(pool);
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        executor.executeHere(() -> ranOn.set(Thread.currentThread()));

        assertSame(Thread.currentThread(), ranOn.get(), "ran before executeHere returned, on the caller");
    }

    @Test
    void executeHereQueuesBehindATaskStillRunningOnThePool() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(pool);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> secondRanOn = new AtomicReference<>();
        executor.execute(() -> {
            firstStarted.countDown();
            await(releaseFirst);
            order.add("first");
        });
        assertTrue(firstStarted.await(5, TimeUnit.SECONDS));

        executor.executeHere(() -> {
            order.add("second");
            secondRanOn.set(Thread.currentThread());
            secondDone.countDown();
        });
        assertTrue(order.isEmpty(), "the second task must not run beside the first");
        releaseFirst.countDown();

        assertTrue(secondDone.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), order);
        assertNotSame(Thread.currentThread(), secondRanOn.get());
    }

    @Test
    void tasksQueuedWhileATaskRunsHereRunAfterItOnThePool() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(pool);
        CountDownLatch laterDone = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();

        executor.executeHere(() -> {
            running.incrementAndGet();
            executor.execute(() -> { // arrives while this one runs, as a response would
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                order.add("later");
                running.decrementAndGet();
                laterDone.countDown();
            });
            sleepBriefly(); // gives the pool every chance to start the later task too early
            order.add("here");
            running.decrementAndGet();
        });

        assertTrue(laterDone.await(5, TimeUnit.SECONDS), "the queued task is handed to the pool afterwards");
        assertEquals(List.of("here", "later"), order);
        assertEquals(0, overlaps.get());
    }

    @Test
    void aFailingTaskRunHereLeavesTheExecutorUsable() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(pool);
        executor.executeHere(() -> {
            throw new IllegalStateException("application failure");
        });
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        executor.executeHere(() -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        });

        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertSame(Thread.currentThread(), ranOn.get());
        assertFalse(pool.isShutdown());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
