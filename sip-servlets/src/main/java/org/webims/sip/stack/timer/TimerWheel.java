package org.webims.sip.stack.timer;

import java.util.List;

/**
 * A hashed timer wheel (Varghese and Lauck): deadlines counted in ticks of a fixed length, kept
 * in a ring of buckets by tick number, so scheduling and cancelling are O(1) and the thread that
 * drives it wakes once a tick, however many timers fall in that tick. An entry never fires
 * before its deadline, and at most about one tick after it. Not thread-safe; {@link WheelSipTimer}
 * guards it with its lock.
 */
final class TimerWheel {
    private final TimerEntry[] buckets;
    private final int mask;
    private final long tickNanos;
    private final long originNanos;
    /** Every tick up to and including this one has been collected. */
    private long collectedTick;
    private int size;

    /** {@code bucketCount} a power of two; ticks counted from {@code originNanos}. */
    TimerWheel(int bucketCount, long tickNanos, long originNanos) {
        if (Integer.bitCount(bucketCount) != 1) {
            throw new IllegalArgumentException("bucket count not a power of two: " + bucketCount);
        }
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tick not positive: " + tickNanos);
        }
        this.buckets = new TimerEntry[bucketCount];
        this.mask = bucketCount - 1;
        this.tickNanos = tickNanos;
        this.originNanos = originNanos;
    }

    /** The tick that has fully elapsed at {@code nowNanos}. */
    long tickAt(long nowNanos) {
        return Math.floorDiv(nowNanos - originNanos, tickNanos);
    }

    /** When {@code tick} has fully elapsed. */
    long nanosAtEndOf(long tick) {
        return originNanos + tick * tickNanos;
    }

    /** Arms {@code entry} to fire {@code delayNanos} after {@code nowNanos}, rounded up to a tick. */
    void add(TimerEntry entry, long nowNanos, long delayNanos) {
        long due = nowNanos - originNanos + Math.max(0, delayNanos);
        long tick = Math.floorDiv(due + tickNanos - 1, tickNanos); // round up: never early
        entry.deadlineTick = Math.max(tick, collectedTick + 1);
        int index = (int) (entry.deadlineTick & mask);
        entry.prev = null;
        entry.next = buckets[index];
        if (entry.next != null) {
            entry.next.prev = entry;
        }
        buckets[index] = entry;
        entry.armed = true;
        size++;
    }

    /** Disarms {@code entry} if it is armed; true if it was. */
    boolean remove(TimerEntry entry) {
        if (!entry.armed) {
            return false;
        }
        if (entry.prev != null) {
            entry.prev.next = entry.next;
        } else {
            buckets[(int) (entry.deadlineTick & mask)] = entry.next;
        }
        if (entry.next != null) {
            entry.next.prev = entry.prev;
        }
        entry.prev = null;
        entry.next = null;
        entry.armed = false;
        size--;
        return true;
    }

    /**
     * Moves every entry due by {@code tick} (inclusive) into {@code due}, disarmed, in deadline
     * order within each bucket's visit. After a stall of a whole turn or more, visits each bucket once.
     */
    void collectDue(long tick, List<TimerEntry> due) {
        long ticks = tick - collectedTick;
        if (ticks <= 0) {
            return;
        }
        long visits = Math.min(ticks, buckets.length);
        for (long t = collectedTick + 1; t <= collectedTick + visits; t++) {
            TimerEntry entry = buckets[(int) (t & mask)];
            while (entry != null) {
                TimerEntry next = entry.next;
                if (entry.deadlineTick <= tick) {
                    remove(entry);
                    due.add(entry);
                }
                entry = next;
            }
        }
        collectedTick = tick;
    }

    int size() {
        return size;
    }

    void clear() {
        for (int i = 0; i < buckets.length; i++) {
            TimerEntry entry = buckets[i];
            while (entry != null) {
                TimerEntry next = entry.next;
                entry.prev = null;
                entry.next = null;
                entry.armed = false;
                entry = next;
            }
            buckets[i] = null;
        }
        size = 0;
    }
}
