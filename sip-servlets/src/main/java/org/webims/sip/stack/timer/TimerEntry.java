package org.webims.sip.stack.timer;

import gov.nist.javax.sip.stack.SIPStackTimerTask;

/** One scheduled JAIN-SIP task in the {@link TimerWheel}: its deadline, period and bucket links. */
final class TimerEntry {
    final SIPStackTimerTask task;
    /** Nanoseconds between the end of one run and the next; 0 for a task that runs once. */
    final long periodNanos;
    long deadlineTick;
    TimerEntry prev;
    TimerEntry next;
    boolean armed;
    /** Set under the timer's lock; read without it by the thread that runs the task. */
    volatile boolean cancelled;

    TimerEntry(SIPStackTimerTask task, long periodNanos) {
        this.task = task;
        this.periodNanos = periodNanos;
    }
}
