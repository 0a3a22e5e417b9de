package org.webims.sip.container.timer;

import java.io.Serializable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.session.ContainerApplicationSession;

/**
 * JSR 289 §18 timers: scheduled on the container's timer thread, fired on the application
 * session's executor into the application's TimerListener. Persistence is not offered.
 */
public final class ContainerTimerService implements TimerService {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerTimerService.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final ScheduledExecutorService scheduler;

    public ContainerTimerService(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public ServletTimer createTimer(SipApplicationSession appSession, long delay, boolean isPersistent, Serializable info) {
        return schedule(appSession, delay, 0, false, info);
    }

    @Override
    public ServletTimer createTimer(SipApplicationSession appSession, long delay, long period, boolean fixedDelay,
                                    boolean isPersistent, Serializable info) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return schedule(appSession, delay, period, fixedDelay, info);
    }

    private ServletTimer schedule(SipApplicationSession appSession, long delay, long period, boolean fixedDelay,
                                  Serializable info) {
        if (!(appSession instanceof ContainerApplicationSession session) || !session.isValid()) {
            throw new IllegalStateException("the application session is not valid");
        }
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        if (session.application().listeners(TimerListener.class).isEmpty()) {
            throw new IllegalStateException("application " + session.getApplicationName() + " has no TimerListener");
        }
        Timer timer = new Timer(session, "timer-" + IDS.incrementAndGet(), info, period);
        Runnable fire = () -> session.executor().execute(timer::fire);
        timer.nextRun = System.currentTimeMillis() + delay;
        // listed before it can fire: a timer due at once, fired and removed before being added,
        // would stay listed and keep its session from ever being ready to invalidate (§6.1.2.2.2)
        session.addTimer(timer);
        if (period == 0) {
            timer.future = scheduler.schedule(fire, delay, TimeUnit.MILLISECONDS);
        } else if (fixedDelay) {
            timer.future = scheduler.scheduleWithFixedDelay(fire, delay, period, TimeUnit.MILLISECONDS);
        } else {
            timer.future = scheduler.scheduleAtFixedRate(fire, delay, period, TimeUnit.MILLISECONDS);
        }
        return timer;
    }

    private static final class Timer implements ServletTimer {
        private final ContainerApplicationSession session;
        private final String id;
        private final Serializable info;
        private final long period;
        private volatile ScheduledFuture<?> future;
        private volatile long nextRun;
        private volatile boolean cancelled;

        Timer(ContainerApplicationSession session, String id, Serializable info, long period) {
            this.session = session;
            this.id = id;
            this.info = info;
            this.period = period;
        }

        void fire() {
            if (cancelled || !session.isValid()) {
                return;
            }
            long scheduled = nextRun;
            if (period == 0) {
                cancelled = true;
                session.removeTimer(this);
            } else {
                nextRun = scheduled + period;
            }
            for (TimerListener listener : session.application().listeners(TimerListener.class)) {
                try {
                    listener.timeout(this);
                } catch (RuntimeException e) {
                    LOG.atWarn().addKeyValue("timer", id).setCause(e).log("timer listener failed");
                }
            }
            if (session.isValid()) {
                session.invalidateIfReady();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            session.removeTimer(this);
        }

        @Override public SipApplicationSession getApplicationSession() { return session; }
        @Override public String getId() { return id; }
        @Override public Serializable getInfo() { return info; }
        @Override public long scheduledExecutionTime() { return nextRun; }
        @Override public long getTimeRemaining() { return Math.max(0, nextRun - System.currentTimeMillis()); }
    }
}
