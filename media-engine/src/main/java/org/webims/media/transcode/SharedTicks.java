package org.webims.media.transcode;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of every clock-driven transcoder: one periodic task for all members instead of a
 * periodic task per member. Measured on the audio-transcode bench (issue 4): a task per 20 ms
 * adapter meant a thread wake-up, delay-queue operations and a timer re-arm per adapter per tick
 * (about 1100 context switches a second per worker thread at 20 calls), about 40 µs of worker CPU
 * each, a fixed cost the bare codec loop does not have. Here each period wakes every worker once:
 * the periodic task starts a round and hands it to the other workers, and all of them take the
 * round's members one by one from a shared index, so the load spreads by itself and a worker the
 * OS preempts holds up one member, not a fixed share of them.
 *
 * <p>The member list is an array copied on change (a call's set-up, not the media path) and read
 * without a lock. A failure in one member is counted and the others still tick: a periodic task
 * that throws is never run again.
 */
final class SharedTicks {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTicks.class);
    /** Fewest members per helping worker: below that, waking a worker costs more than it saves. */
    static final int MEMBERS_PER_HELPER = 4;

    /** What is run every period. */
    interface Member {
        void tick();
    }

    /** A member's place on the clock; {@link #leave} is idempotent. */
    interface Membership {
        void leave();
    }

    /** One period's work: its members and the index of the next one to tick. */
    private static final class Round {
        final Member[] members;
        final AtomicInteger next = new AtomicInteger();

        Round(Member[] members) {
            this.members = members;
        }

        boolean done() {
            return next.get() >= members.length;
        }
    }

    private static final Member[] NONE = new Member[0];

    private final ScheduledExecutorService executor;
    private final int workers;
    private final long periodNanos;
    private final Runnable help = this::help;
    private final AtomicLong failures = new AtomicLong();
    private volatile Member[] members = NONE;
    private volatile Round round = new Round(NONE);
    private volatile long runs; // written by the one thread running the periodic task
    private ScheduledFuture<?> task; // guarded by this; scheduled while there are members

    SharedTicks(ScheduledExecutorService executor, int workers, long periodNanos) {
        this.executor = executor;
        this.workers = Math.max(1, workers);
        this.periodNanos = periodNanos;
    }

    /** Adds {@code member}; it ticks from the next period on. */
    synchronized Membership join(Member member) {
        members = MemberArrays.with(members, member);
        if (task == null) {
            task = executor.scheduleAtFixedRate(this::period, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
        return () -> leave(member);
    }

    private synchronized void leave(Member m) {
        members = MemberArrays.without(members, m, NONE);
        if (members.length == 0 && task != null) {
            task.cancel(false); // an idle engine does not wake up
            task = null;
        }
    }

    /** The periodic task: finishes a round still running (overload), then starts this period's. */
    private void period() {
        runs++;
        Round last = round;
        if (!last.done()) {
            work(last); // overload: a late round is finished (late, not skipped) before the next starts
        }
        Round r = new Round(members); // one small object a period, whatever the number of members
        round = r;
        int helpers = Math.min(workers - 1, r.members.length / MEMBERS_PER_HELPER);
        for (int i = 0; i < helpers; i++) {
            try {
                executor.execute(help);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                break;
            }
        }
        work(r);
    }

    private void help() {
        work(round);
    }

    private void work(Round r) {
        Member[] m = r.members;
        for (int i; (i = r.next.getAndIncrement()) < m.length; ) {
            try {
                m[i].tick();
            } catch (RuntimeException | Error e) { // an Error here would cancel the periodic task for all
                failures.incrementAndGet();
                LOG.atDebug().setCause(e).log("tick member failed");
            }
        }
    }

    /** Members now. */
    int members() {
        return members.length;
    }

    /** Ticks a member threw out of (counted, logged at DEBUG). */
    long failures() {
        return failures.get();
    }

    /** Periods run: the timer wake-ups the clock costs. */
    long runs() {
        return runs;
    }

    /** Whether the periodic task is scheduled: never while there are no members. */
    synchronized boolean scheduled() {
        return task != null;
    }
}
