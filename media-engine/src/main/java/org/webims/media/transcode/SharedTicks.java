package org.webims.media.transcode;

import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of every clock-driven transcoder: one periodic task per worker thread (a shard) that
 * ticks all the members due in that period one after the other, instead of a periodic task per
 * member. Measured on the audio-transcode bench (issue 4): a task per 20 ms adapter meant about one
 * thread wake-up, delay-queue operation and timer re-arm per adapter per tick (about 1100 context
 * switches a second per worker thread at 20 calls), a fixed cost the codec loop does not have.
 * A shard wakes once a period whatever its size.
 *
 * <p>Members join the shard with the fewest (a call's set-up, not the media path); the member
 * list is an array copied on change and read without a lock by the tick. A failure in one member
 * is counted and the others still tick: a periodic task that throws is never run again.
 */
final class SharedTicks {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTicks.class);

    /** What a shard runs every period. */
    interface Member {
        void tick();
    }

    /** A member's place in a shard; {@link #leave} is idempotent. */
    interface Membership {
        void leave();
    }

    private final ScheduledExecutorService executor;
    private final long periodNanos;
    private final Shard[] shards;
    private final AtomicLong failures = new AtomicLong();

    SharedTicks(ScheduledExecutorService executor, int shards, long periodNanos) {
        this.executor = executor;
        this.periodNanos = periodNanos;
        this.shards = new Shard[Math.max(1, shards)];
        for (int i = 0; i < this.shards.length; i++) {
            this.shards[i] = new Shard(i);
        }
    }

    /** Adds {@code member} to the least loaded shard; it ticks from the next period on. */
    Membership join(Member member) {
        Shard least = shards[0];
        for (Shard s : shards) {
            if (s.members.length < least.members.length) {
                least = s;
            }
        }
        return least.add(member);
    }

    /** Members of every shard. */
    int members() {
        int n = 0;
        for (Shard s : shards) {
            n += s.members.length;
        }
        return n;
    }

    /** Ticks a member threw out of (counted, logged at DEBUG). */
    long failures() {
        return failures.get();
    }

    /** Periods run, summed over the shards: the wake-ups the clock costs. */
    long runs() {
        long n = 0;
        for (Shard s : shards) {
            n += s.runs;
        }
        return n;
    }

    /** Shards with a periodic task scheduled now: none while there are no members. */
    int scheduledShards() {
        int n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                n += s.task == null ? 0 : 1;
            }
        }
        return n;
    }

    private final class Shard implements Runnable {

        private final int index;
        private volatile Member[] members = new Member[0];
        private ScheduledFuture<?> task; // guarded by this; running while members is not empty
        private volatile long runs; // written by the one thread running this period

        Shard(int index) {
            this.index = index;
        }

        synchronized Membership add(Member m) {
            Member[] next = Arrays.copyOf(members, members.length + 1);
            next[members.length] = m;
            members = next;
            if (task == null) {
                // shards keep apart in phase so their wake-ups (and bursts of sends) spread over the period
                long first = periodNanos + periodNanos * index / shards.length;
                task = executor.scheduleAtFixedRate(this, first, periodNanos, TimeUnit.NANOSECONDS);
            }
            return () -> remove(m);
        }

        private synchronized void remove(Member m) {
            Member[] cur = members;
            for (int i = 0; i < cur.length; i++) {
                if (cur[i] == m) {
                    Member[] next = new Member[cur.length - 1];
                    System.arraycopy(cur, 0, next, 0, i);
                    System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
                    members = next;
                    if (next.length == 0 && task != null) {
                        task.cancel(false); // an idle engine does not wake up
                        task = null;
                    }
                    return;
                }
            }
        }

        @Override
        public void run() {
            runs++;
            for (Member m : members) {
                try {
                    m.tick();
                } catch (RuntimeException | Error e) { // an Error here would cancel the whole shard's task
                    failures.incrementAndGet();
                    LOG.atDebug().addKeyValue("shard", index).setCause(e).log("tick member failed");
                }
            }
        }
    }
}
