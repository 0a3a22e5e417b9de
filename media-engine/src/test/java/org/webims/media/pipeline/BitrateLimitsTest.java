package org.webims.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BitrateLimitsTest {

    final RecordingUpstream upstream = new RecordingUpstream();
    final AtomicLong clock = new AtomicLong(7_000_000_000L);
    final BitrateLimits limits = new BitrateLimits(upstream, BitrateLimits.REFRESH_NANOS, clock::get);

    /** A link per ceiling, each opened then limited in turn. */
    private BitrateLimits.Slot[] viewers(long... ceilings) {
        BitrateLimits.Slot[] slots = new BitrateLimits.Slot[ceilings.length];
        for (int i = 0; i < ceilings.length; i++) {
            slots[i] = limits.open();
            slots[i].limit(ceilings[i]);
        }
        return slots;
    }

    @Test
    void theLowestLimitOfTheLinksGoesUpstream() {
        viewers(200_000, 1_000_000);
        assertEquals(List.of(200_000L), upstream.limits(), "a viewer on a good link does not lift the poor one's cap");
        assertEquals(200_000, limits.applied());
    }

    @Test
    void anUnchangedMinimumSendsNothingMore() {
        BitrateLimits.Slot[] v = viewers(200_000, 0);
        BitrateLimits.Slot poor = v[0];
        BitrateLimits.Slot good = v[1];
        for (int i = 0; i < 5; i++) {
            good.limit(1_000_000);
            poor.limit(200_000);
            good.limit(900_000);
        }
        assertEquals(List.of(200_000L), upstream.limits());
        assertEquals(1, limits.passed());
    }

    @Test
    void anUnchangedMinimumIsToldAgainWhenRepeatedAfterTheRefreshInterval() {
        BitrateLimits.Slot[] v = viewers(200_000, 1_000_000);
        clock.addAndGet(BitrateLimits.REFRESH_NANOS - 1);
        v[0].limit(200_000);
        v[1].limit(1_000_000);
        assertEquals(List.of(200_000L), upstream.limits(), "not yet");
        clock.addAndGet(1);
        v[1].limit(1_000_000);
        v[0].limit(200_000);
        assertEquals(List.of(200_000L, 200_000L), upstream.limits(), "once, so a lost REMB or TMMBR is repaired");
        assertEquals(2, limits.passed());
    }

    @Test
    void aLinkThatNeverSetALimitDoesNotCount() {
        limits.open();
        BitrateLimits.Slot viewer = limits.open();
        viewer.limit(500_000);
        assertEquals(List.of(500_000L), upstream.limits());
    }

    @Test
    void aClosedLinkDropsOutAndTheOthersMinimumIsSent() {
        BitrateLimits.Slot poor = viewers(200_000, 1_000_000)[0];
        poor.close(false);
        assertEquals(List.of(200_000L, 1_000_000L), upstream.limits());
        poor.limit(100_000);
        assertEquals(1_000_000, limits.current(), "a closed slot takes no more limits");
    }

    @Test
    void aQuietCloseTellsUpstreamNothing() {
        viewers(200_000, 1_000_000)[0].close(true);
        assertEquals(List.of(200_000L), upstream.limits());
        assertEquals(1_000_000, limits.current());
    }

    @Test
    void theLowestViewerRaisingItsLimitRaisesTheMinimum() {
        BitrateLimits.Slot a = viewers(200_000, 1_000_000)[0];
        a.limit(600_000);
        a.limit(2_000_000);
        assertEquals(List.of(200_000L, 600_000L, 1_000_000L), upstream.limits());
    }

    @Test
    void aWithdrawnLimitNoLongerCounts() {
        BitrateLimits.Slot a = viewers(200_000, 1_000_000)[0];
        a.clear();
        a.limit(-5);
        assertEquals(List.of(200_000L, 1_000_000L), upstream.limits());
    }

    @Test
    void whenTheLastLimitGoesUpstreamIsToldOnceThatNoneHolds() {
        BitrateLimits.Slot a = limits.open();
        a.limit(300_000);
        a.close(false);
        assertEquals(0, limits.current());
        assertEquals(0, limits.applied());
        BitrateLimits.Slot idle = limits.open();
        idle.limit(0);
        idle.close(false);
        assertEquals(List.of(300_000L, RecordingUpstream.LIFT), upstream.limits(), "lifted once, not per change");
        assertEquals(1, limits.lifted());
        BitrateLimits.Slot b = limits.open();
        b.limit(300_000);
        assertEquals(List.of(300_000L, RecordingUpstream.LIFT, 300_000L), upstream.limits(),
                "after a lift the same limit is a change again");
        assertEquals(2, limits.passed());
    }

    @Test
    void twoLimitedViewersLiftingOrLeavingLiftTheSourceOnlyWhenBothAreDone() {
        BitrateLimits.Slot[] v = viewers(200_000, 500_000);
        v[0].clear();
        assertEquals(List.of(200_000L, 500_000L), upstream.limits(), "the other still holds its limit");
        v[1].close(false);
        assertEquals(List.of(200_000L, 500_000L, RecordingUpstream.LIFT), upstream.limits());
        v[0].close(false);
        assertEquals(1, limits.lifted(), "nothing more to lift");
    }

    @Test
    void aQuietCloseOfTheLastLimitLiftsNothing() {
        viewers(200_000)[0].close(true);
        assertEquals(List.of(200_000L), upstream.limits(), "the source is going away: nothing to its peer");
        assertEquals(0, limits.lifted());
    }

    @Test
    void concurrentLinksEndWithTheirMinimumUpstreamSentInOrderOneAtATime() throws Exception {
        int threads = 4;
        List<BitrateLimits.Slot> slots = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            slots.add(limits.open());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            BitrateLimits.Slot slot = slots.get(i);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int n = 0; n < 20_000; n++) {
                    slot.limit(100_000 + 10_000L * random.nextInt(50));
                }
            });
            t.start();
            workers.add(t);
        }
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        List<Long> sent = upstream.limits();
        assertFalse(upstream.overlapped, "upstream was called by two threads at once");
        assertEquals(limits.current(), sent.get(sent.size() - 1), "upstream ends with the current minimum");
        assertEquals(limits.current(), limits.applied());
        for (int i = 1; i < sent.size(); i++) {
            assertNotEquals(sent.get(i - 1), sent.get(i), "a repeat was sent at " + i);
        }
    }
}
