package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The transcoders' shared 20 ms clock: one wake-up per shard per period, whatever the number of members. */
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
    void fortyMembersOnTwoThreadsCostOneRunPerShardPerPeriodNotOnePerMember() throws Exception {
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
            assertTrue(Paced.await(5000, () -> workers.ticks().runs() >= runs0 + 20), "the shards run on");
            long runs = workers.ticks().runs() - runs0;
            long ticks = sum(members) - ticks0;
            // each run of a shard ticks its 20 members; a task per member would make runs == ticks.
            // The two reads race with at most one run of each shard.
            assertTrue(Math.abs(ticks - runs * 20) <= 80, () -> runs + " runs for " + ticks + " member ticks");
            assertEquals(2, workers.ticks().scheduledShards(), "members were spread over both threads' shards");
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
    void aMemberThatThrowsIsCountedAndDoesNotStopItsShard() throws Exception {
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
            assertEquals(2, workers.ticks().scheduledShards());
            assertTrue(Paced.await(5000, () -> m.ticks.get() >= 8));
            joined.forEach(SharedTicks.Membership::leave);
            assertEquals(0, workers.ticks().scheduledShards());
            assertEquals(0, workers.ticks().members());
            long runs = workers.ticks().runs();
            Counting again = new Counting();
            workers.everyTick(again);
            assertTrue(Paced.await(5000, () -> again.ticks.get() >= 2), "a shard starts again on its next member");
            assertTrue(workers.ticks().runs() > runs);
        }
    }
}
