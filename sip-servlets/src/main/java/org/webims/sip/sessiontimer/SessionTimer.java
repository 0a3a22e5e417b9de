package org.webims.sip.sessiontimer;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.sip.SipSession.State;
import javax.sip.header.ContentTypeHeader;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * One dialog's session timer (RFC 4028): the negotiated interval, which side refreshes, and the
 * one task scheduled on the container's timer thread for it: the refresh at half the interval
 * where this side refreshes (§7.4, §10), else the expiry check at interval - min(32, interval/3)
 * (§10). The task runs on the application session's executor, so it never races the
 * application's own handling of the dialog. Also keeps what a refresh needs: the last SDP this
 * side sent and whether the peer allows UPDATE.
 */
public final class SessionTimer {
    /** What happens when the scheduled task comes due. */
    interface Actions {
        void refresh(SessionTimer timer);

        void expire(SessionTimer timer);
    }

    private final ContainerSipSession session;
    private final ScheduledExecutorService scheduler;
    private final Actions actions;
    private final AtomicInteger running;

    // guarded by this
    private int intervalSeconds;
    private boolean weRefresh;
    private boolean active;
    private long generation;
    private long startedAtNanos;
    private ScheduledFuture<?> task;

    private volatile byte[] localSdp;
    private volatile ContentTypeHeader localSdpType;
    private volatile Boolean peerAllowsUpdate;
    /** UAC side: the Session-Expires this side asked for in its pending INVITE or UPDATE, 0 for none. */
    private volatile int requestedSeconds;
    private volatile boolean initialInviteRetried;
    /** The largest Min-SE a 422 taught us (RFC 4028 §7.4), 0 if none. */
    private volatile int learnedMinSe;

    SessionTimer(ContainerSipSession session, ScheduledExecutorService scheduler, Actions actions, AtomicInteger running) {
        this.session = session;
        this.scheduler = scheduler;
        this.actions = actions;
        this.running = running;
    }

    public ContainerSipSession session() {
        return session;
    }

    /** (Re)starts the timer for {@code seconds}; {@code weRefresh}: this side sends the refreshes. */
    synchronized void start(int seconds, boolean weRefresh) {
        if (!inState(null)) {
            return; // the dialog ended while the answer that would start the timer was on its way
        }
        this.intervalSeconds = seconds;
        this.weRefresh = weRefresh;
        this.startedAtNanos = System.nanoTime();
        if (!active) {
            active = true;
            running.incrementAndGet();
        }
        long millis = seconds * 1000L;
        schedule(weRefresh ? millis / 2 : millis - Math.min(32_000L, millis / 3), weRefresh);
    }

    /**
     * A refresh failed without ending the dialog (a 491, a 500): the session lasts until its
     * interval runs out from the last refresh, then the expiry ends it (RFC 4028 §10).
     */
    synchronized void expireAtIntervalEnd() {
        if (!active) {
            return;
        }
        long left = intervalSeconds * 1000L - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
        schedule(Math.max(0, left), false);
    }

    private void schedule(long delayMillis, boolean refresh) {
        cancelTask();
        long g = ++generation;
        try {
            task = scheduler.schedule(() -> session.containerApplicationSession().executor().execute(() -> fire(g, refresh)),
                    delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            stop(); // the container is closing
        }
    }

    private void fire(long g, boolean refresh) {
        synchronized (this) {
            if (!active || g != generation) {
                return; // restarted or stopped since this task was scheduled
            }
            task = null;
        }
        if (!inState(State.CONFIRMED)) {
            stop();
            return;
        }
        if (refresh) {
            actions.refresh(this);
        } else {
            actions.expire(this);
        }
    }

    /** Whether the session is valid and in {@code state} (null: in any state but TERMINATED). */
    private boolean inState(State state) {
        try {
            State now = session.getState();
            return state == null ? now != State.TERMINATED : now == state;
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    /** Ends the timer: the dialog ended, the session was invalidated, or it expired. Idempotent. */
    public synchronized void stop() {
        cancelTask();
        generation++;
        if (active) {
            active = false;
            running.decrementAndGet();
        }
    }

    private void cancelTask() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    public synchronized boolean active() {
        return active;
    }

    public synchronized int intervalSeconds() {
        return intervalSeconds;
    }

    public synchronized boolean weRefresh() {
        return weRefresh;
    }

    void rememberLocalSdp(byte[] sdp, ContentTypeHeader type) {
        this.localSdpType = type;
        this.localSdp = sdp;
    }

    byte[] localSdp() {
        return localSdp;
    }

    ContentTypeHeader localSdpType() {
        return localSdpType;
    }

    /** Null until the peer sent an Allow; then whether it listed UPDATE (RFC 3311 §5.1). */
    Boolean peerAllowsUpdate() {
        return peerAllowsUpdate;
    }

    void setPeerAllowsUpdate(Boolean allows) {
        if (allows != null) {
            this.peerAllowsUpdate = allows;
        }
    }

    int requestedSeconds() {
        return requestedSeconds;
    }

    void setRequestedSeconds(int seconds) {
        this.requestedSeconds = seconds;
    }

    /** True the first time only: a 422 to the initial INVITE is retried once (RFC 4028 §7.4). */
    synchronized boolean takeInitialInviteRetry() {
        if (initialInviteRetried) {
            return false;
        }
        initialInviteRetried = true;
        return true;
    }

    int learnedMinSe() {
        return learnedMinSe;
    }

    void learnMinSe(int seconds) {
        if (seconds > learnedMinSe) {
            learnedMinSe = seconds;
        }
    }
}
