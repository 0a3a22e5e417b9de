package org.webims.media.endpoint.rtp;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.webims.media.rtp.session.NackRequests;

/**
 * Keeps asking for the peer's lost video while nothing arrives from it (decision 0067, "The timer"):
 * the asks and the give-up PLI (RFC 4585 §6.2.1, §6.3.1) were checked only as the peer's packets
 * came. Armed by the receive path while a packet is missing; {@link NackRequests#MIN_RETRY_NANOS}
 * later the engine scheduler hands {@code ask} to the RTP socket's I/O thread, which owns the repair
 * state, so no lock. One timer at a time; none while nothing is missing.
 */
final class LossRepairTimer {

    /** How often a pending repair is checked: the least wait between two asks (finer would find nothing due). */
    static final long PERIOD_NANOS = NackRequests.MIN_RETRY_NANOS;

    private final ScheduledExecutorService scheduler;
    private final Executor ioThread;
    private final Runnable ask;
    private final Runnable fire = this::fire;
    private final Runnable onIoThread = this::onIoThread;
    private boolean armed; // the I/O thread's only
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    /** {@code ask} runs on the thread {@code ioThread} runs tasks on: the one receiving the stream. */
    LossRepairTimer(ScheduledExecutorService scheduler, Executor ioThread, Runnable ask) {
        this.scheduler = scheduler;
        this.ioThread = ioThread;
        this.ask = ask;
    }

    /** On the I/O thread, while a packet is missing: runs {@code ask} one period from now, unless already due to. */
    void arm() {
        if (armed || stopped) {
            return;
        }
        armed = true;
        try {
            next = scheduler.schedule(fire, PERIOD_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            return; // the engine is closing: stays armed, so never scheduled again
        }
        if (stopped) {
            next.cancel(false); // stopped meanwhile: stop() may have read the previous one
        }
    }

    /** The endpoint is released: the pending check is cancelled, and none is made again. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void fire() {
        if (!stopped) {
            ioThread.execute(onIoThread);
        }
    }

    private void onIoThread() {
        armed = false;
        if (!stopped) {
            ask.run();
        }
    }
}
