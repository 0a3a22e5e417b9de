package org.webims.media.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bitrate ceilings the links of one source pad pass upstream, told upstream as one: the
 * lowest any link holds now, since a relayed stream reaches every viewer at the one rate its
 * sender encodes (REMB, draft-alvestrand-rmcat-remb-03; TMMBR, RFC 5104 §4.2.1, where a sender
 * likewise obeys the most restrictive of several requesters). A link that never set one does not count; a
 * link that goes away drops out and the new minimum is sent. Only a change goes upstream, so a
 * viewer's REMB every second does not become a TMMBR every second; an unchanged minimum is told
 * again at most once per {@link #REFRESH_NANOS}, when a link repeats its limit after that long,
 * so one lost REMB or TMMBR does not leave the source unlimited for the rest of the call. When the
 * last limit goes (its link left or withdrew it), upstream is told once that no limit holds
 * ({@link UpstreamControl#liftBitrateLimit}): otherwise the source would keep the last one for the
 * rest of the call.
 *
 * <p>Without a lock: limits come from the RTCP readers of different endpoints. The thread that
 * finds no one else at work recomputes and sends, and goes on while others changed a limit
 * meanwhile (they leave theirs to it), so upstream gets the changes in order and ends with the
 * current minimum. A slot is a link's; a repeated value writes nothing shared.
 */
public final class BitrateLimits {

    private static final Logger LOG = LoggerFactory.getLogger(BitrateLimits.class);
    private static final Slot[] NO_SLOTS = new Slot[0];

    /** RFC 3550 §6.2's regular report interval (5 s): an unchanged minimum is told again no sooner. */
    public static final long REFRESH_NANOS = 5_000_000_000L;

    private final UpstreamControl upstream;
    private final long refreshNanos;
    private final LongSupplier clock;
    private final AtomicInteger work = new AtomicInteger();
    private volatile Slot[] slots = NO_SLOTS;
    // written only by the thread holding the work (its counter orders them between threads)
    private long told;
    private volatile long toldAtNanos;
    private volatile long applied;
    private volatile long passed;
    private volatile long lifted;

    public BitrateLimits(UpstreamControl upstream) {
        this(upstream, REFRESH_NANOS, System::nanoTime);
    }

    BitrateLimits(UpstreamControl upstream, long refreshNanos, LongSupplier clock) {
        this.upstream = upstream;
        this.refreshNanos = refreshNanos;
        this.clock = clock;
    }

    /** A new link's slot; it counts once it holds a limit. */
    public synchronized Slot open() {
        Slot slot = new Slot();
        Slot[] grown = Arrays.copyOf(slots, slots.length + 1);
        grown[slots.length] = slot;
        slots = grown;
        return slot;
    }

    /** The limit last told upstream, bits/s; 0 before any and once lifted. */
    public long applied() { return applied; }

    /** How many limits went upstream (each a change of the minimum, or a refresh of it). */
    public long passed() { return passed; }

    /** How many times upstream was told that no limit holds any more. */
    public long lifted() { return lifted; }

    /** The lowest limit the links hold now, 0 if none holds one. */
    public long current() {
        long min = 0;
        for (Slot s : slots) {
            long v = s.limit;
            if (v > 0 && (min == 0 || v < min)) {
                min = v;
            }
        }
        return min;
    }

    private synchronized boolean remove(Slot slot) {
        Slot[] now = slots;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == slot) {
                Slot[] less = new Slot[now.length - 1];
                System.arraycopy(now, 0, less, 0, i);
                System.arraycopy(now, i + 1, less, i, now.length - i - 1);
                slots = less;
                return true;
            }
        }
        return false;
    }

    private void reconcile() {
        if (work.getAndIncrement() != 0) {
            return; // the thread at work sees our change on its next pass
        }
        int missed = 1;
        do {
            long min = current();
            long now = clock.getAsLong();
            if (min > 0 && (min != told || now - toldAtNanos >= refreshNanos)) {
                told = min;
                toldAtNanos = now;
                applied = min;
                passed++;
                tell(min);
            } else if (min == 0 && told > 0) {
                told = 0; // told once; a limit set again later is a change and goes up
                applied = 0;
                lifted++;
                lift();
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private void tell(long bitsPerSecond) {
        try {
            upstream.limitBitrate(bitsPerSecond);
        } catch (RuntimeException e) {
            // the next change must still go out: the work counter is not left taken
            LOG.atWarn().addKeyValue("bitsPerSecond", bitsPerSecond).setCause(e).log("bitrate limit not passed upstream");
        }
    }

    private void lift() {
        try {
            upstream.liftBitrateLimit();
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("bitrate limit not lifted upstream");
        }
    }

    /** One link's ceiling. */
    public final class Slot {

        private volatile long limit;
        private volatile boolean closed;

        private Slot() { }

        /** This link takes at most {@code bitsPerSecond}; zero or less withdraws its limit. */
        public void limit(long bitsPerSecond) {
            long v = Math.max(0, bitsPerSecond);
            if (closed) {
                return;
            }
            if (limit == v) {
                if (v == 0 || applied == 0 || clock.getAsLong() - toldAtNanos < refreshNanos) {
                    return; // a repeat: nothing shared is written
                }
            } else {
                limit = v;
            }
            reconcile();
        }

        /** The link's limit no longer holds (its path changed): the others' minimum is sent. */
        public void clear() {
            limit(0);
        }

        public long limit() { return limit; }

        /**
         * The link is gone; unless {@code quietly} (the source itself is going away), the
         * minimum of the others goes upstream if it differs.
         */
        public void close(boolean quietly) {
            if (closed) {
                return;
            }
            closed = true;
            if (remove(this) && !quietly) {
                reconcile();
            }
        }
    }
}
