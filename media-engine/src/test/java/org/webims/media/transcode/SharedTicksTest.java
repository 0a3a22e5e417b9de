package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The transcoders' shared 20 ms clock: one timer wake-up per period whatever the number of members, work shared by the workers. */
class SharedTicksTest {

    /** A member that counts its ticks. */
    static final class Counting implements SharedTicks.Member {
        final AtomicLong ticks = new AtomicLong();

        @Override
        public void tick() {
            ticks.incrementAndGet();
        }
    }

    static long sum(List<Counting> members) {
        return members.stream().mapToLong(m -> m.ticks.get()).sum();
    }

    @Test
    void fortyMembersCostOneTimerRunPerPeriodNotOnePerMember() throws Exception {
        try (TranscodeWorkers workers = new TranscodeWorkers(2)) {
            List<Counting> members = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Counting m = new Counting();
                members.add(m);
                workers.everyTick(m);
            }
            assertTrue(Paced.await(5000, () -> members.stream().allMatch(m -> m.ticks.get() >= 2)), "every member ticks");
            long runs0 = workers.ticks().runs();
            long ticks0 = sum(members);
            assertTrue(Paced.await(5000, () -> workers.ticks().runs() >= runs0 + 10), "the clock runs on");
            long runs = workers.ticks().runs() - runs0;
            long ticks = sum(members) - ticks0;
            // each run ticks all 40 members; a task per member would make runs == ticks.
            // The two reads race with at most one run at each end.
            assertTrue(Math.abs(ticks - runs * 40) <= 80, () -> runs + " runs for " + ticks + " member ticks");
        }
    }

    @Test
    void aSecondWorkerTakesTheRoundsMembersWhileTheFirstIsBusy() throws Exception {
        try (TranscodeWorkers workers = new TranscodeWorkers(2)) {
            AtomicReference<Thread> busy = new AtomicReference<>();
            CountDownLatch otherWorkerTicked = new CountDownLatch(1);
            AtomicBoolean sawHelp = new AtomicBoolean();
            for (int i = 0; i < 8; i++) {
                workers.everyTick(() -> {
                    Thread me = Thread.currentThread();
                    if (busy.compareAndSet(null, me)) {
                        // the first member ticked holds its worker until another worker ticks one of the rest
                        try {
                            sawHelp.set(otherWorkerTicked.await(5, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    } else if (busy.get() != me) {
                        otherWorkerTicked.countDown();
                    }
                });
            }
            assertTrue(Paced.await(10_000, sawHelp::get), "another worker ticked members of the round the first was busy in");
        }
    }

    @Test
    void aMemberThatLeftIsNotTickedAgainAndTheOthersGoOn() throws Exception {
        try (TranscodeWorkers workers = new TranscodeWorkers(1)) {
            Counting stays = new Counting();
            Counting leaves = new Counting();
            workers.everyTick(stays);
            SharedTicks.Membership m = workers.everyTick(leaves);
            assertTrue(Paced.await(5000, () -> leaves.ticks.get() >= 2), "ticks before leaving");
            m.leave();
            m.leave(); // idempotent
            long after = leaves.ticks.get();
            long staysAt = stays.ticks.get();
            assertTrue(Paced.await(5000, () -> stays.ticks.get() >= staysAt + 5), "the other member goes on");
            // at most the tick that was running while it left
            assertTrue(leaves.ticks.get() <= after + 1, () -> "ticked " + (leaves.ticks.get() - after) + " times after leaving");
        }
    }

    @Test
    void aMemberThatThrowsIsCountedAndDoesNotStopTheClock() throws Exception {
        try (TranscodeWorkers workers = new TranscodeWorkers(1)) {
            Counting before = new Counting();
            Counting after = new Counting();
            workers.everyTick(before);
            workers.everyTick(() -> {
                throw new IllegalStateException("a broken member");
            });
            workers.everyTick(() -> {
                throw new AssertionError("an Error, which would cancel a periodic task");
            });
            workers.everyTick(after);
            assertTrue(Paced.await(5000, () -> after.ticks.get() >= 5), "members after the failing ones still tick");
            assertTrue(workers.ticks().failures() >= 8, () -> "failures counted: " + workers.ticks().failures());
            assertTrue(before.ticks.get() >= 5);
        }
    }

    @Test
    void withNoMembersLeftNoPeriodicTaskWakesTheWorkers() throws Exception {
        try (TranscodeWorkers workers = new TranscodeWorkers(2)) {
            List<SharedTicks.Membership> joined = new ArrayList<>();
            Counting m = new Counting();
            for (int i = 0; i < 4; i++) {
                joined.add(workers.everyTick(m));
            }
            assertTrue(workers.ticks().scheduled());
            assertTrue(Paced.await(5000, () -> m.ticks.get() >= 8));
            joined.forEach(SharedTicks.Membership::leave);
            assertFalse(workers.ticks().scheduled());
            assertEquals(0, workers.ticks().members());
            long runs = workers.ticks().runs();
            Counting again = new Counting();
            workers.everyTick(again);
            assertTrue(Paced.await(5000, () -> again.ticks.get() >= 2), "a shard starts again on its next member");
            assertTrue(workers.ticks().runs() > runs);
        }
    }
}
