package org.webims.sip.stack.timer;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's timer (stack property gov.nist.javax.sip.TIMER_CLASS_NAME) on a {@link TimerWheel}
 * driven by one thread that runs the due tasks, as JAIN-SIP's default timer does. The default
 * ({@link java.util.Timer}) keeps every task in a heap and wakes its thread once per distinct
 * deadline: thousands of wake-ups a second under load, for transaction timers that mostly only
 * count a tick. Here the thread wakes once per {@link #TICK_MILLIS} while anything is armed.
 * RFC 3261 §17 timers are multiples of T1 (500 ms), so firing up to a tick late changes no
 * behaviour; nothing ever fires early.
 *
 * <p>With a T1 other than 500 ms in the stack's properties ({@link TimerT1}), JAIN-SIP's
 * T1-clocked tasks run on that T1 ({@link T1ScaledTasks}); at the default their delays stand.
 */
public final class WheelSipTimer implements SipTimer {
    private static final Logger LOG = LoggerFactory.getLogger(WheelSipTimer.class);
    static final long TICK_MILLIS = 10;
    /** About ten seconds a turn: most SIP timers (T1 to Timer K and the linger) fit in one. */
    private static final int BUCKETS = 1024;

    private final Object lock = new Object();
    private TimerWheel wheel;
    /** Null at the default T1; set by start, before the stack schedules anything. */
    private volatile T1ScaledTasks scaled;
    private Thread thread;
    private volatile boolean running;
    /** The thread parks without a deadline: nothing is armed. Guarded by lock. */
    private boolean idle;

    @Override
    public void start(SipStackImpl sipStack, Properties configurationProperties) {
        synchronized (lock) {
            if (running) {
                return;
            }
            scaled = T1ScaledTasks.forT1(TimerT1.readFrom(configurationProperties));
            wheel = new TimerWheel(BUCKETS, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS), System.nanoTime());
            running = true;
            // not "sip-timer", the name of the container worker pool's timer thread
            String name = sipStack == null ? "jain-sip-timer" : "jain-sip-timer-" + sipStack.getStackName();
            thread = new Thread(this::runLoop, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delay) {
        return arm(task, delay, 0);
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delay, long period) {
        if (period <= 0) {
            throw new IllegalArgumentException("period not positive: " + period);
        }
        return arm(task, delay, period);
    }

    private boolean arm(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay: " + delayMillis);
        }
        T1ScaledTasks t1 = scaled;
        if (t1 != null) {
            delayMillis = t1.millis(task, delayMillis);
            periodMillis = t1.millis(task, periodMillis);
        }
        TimerEntry entry = new TimerEntry(task, TimeUnit.MILLISECONDS.toNanos(periodMillis));
        long now = System.nanoTime();
        synchronized (lock) {
            if (!running) {
                // what JAIN-SIP's default timer does; the stack catches it where a stop can race
                throw new IllegalStateException("the SIP stack timer is stopped");
            }
            task.setSipTimerTask(entry);
            wheel.add(entry, now, TimeUnit.MILLISECONDS.toNanos(delayMillis));
            wakeIfIdle();
        }
        return true;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        if (!(task.getSipTimerTask() instanceof TimerEntry entry)) {
            return false;
        }
        synchronized (lock) {
            if (entry.cancelled) {
                return false;
            }
            entry.cancelled = true;
            if (wheel != null) {
                wheel.remove(entry);
            }
        }
        task.cleanUpBeforeCancel();
        return true;
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            wheel.clear();
            stopping = thread;
            thread = null;
        }
        LockSupport.unpark(stopping);
        if (stopping != Thread.currentThread()) {
            try {
                stopping.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isStarted() {
        return running;
    }

    private void wakeIfIdle() {
        if (idle) {
            idle = false;
            LockSupport.unpark(thread);
        }
    }

    private void runLoop() {
        List<TimerEntry> due = new ArrayList<>();
        List<TimerEntry> rearm = new ArrayList<>();
        while (running) {
            long wakeAt;
            boolean parkUntilWoken;
            synchronized (lock) { // one lock hold per tick: re-arm what ran, take what is due
                if (!running) {
                    return;
                }
                long now = System.nanoTime();
                for (int i = 0; i < rearm.size(); i++) {
                    TimerEntry entry = rearm.get(i);
                    if (!entry.cancelled) {
                        wheel.add(entry, now, entry.periodNanos);
                    }
                }
                rearm.clear();
                long tick = wheel.tickAt(now);
                wheel.collectDue(tick, due);
                idle = due.isEmpty() && wheel.size() == 0;
                parkUntilWoken = idle;
                wakeAt = wheel.nanosAtEndOf(tick + 1);
            }
            if (due.isEmpty()) {
                if (parkUntilWoken) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, wakeAt - System.nanoTime());
                }
                continue;
            }
            for (int i = 0; i < due.size(); i++) {
                TimerEntry entry = due.get(i);
                if (runDue(entry) && entry.periodNanos > 0) {
                    rearm.add(entry);
                }
            }
            due.clear();
        }
    }

    /** Runs the task unless cancelled; true if it ran and is still not cancelled. */
    private boolean runDue(TimerEntry entry) {
        if (entry.cancelled || !running) {
            return false;
        }
        try {
            entry.task.runTask();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // one failing task never stops the others (JAIN-SIP's default timer prints and goes on)
            LOG.atWarn().setCause(e).addKeyValue("task", entry.task.getClass().getName()).log("sip timer task failed");
        }
        return !entry.cancelled;
    }
}
