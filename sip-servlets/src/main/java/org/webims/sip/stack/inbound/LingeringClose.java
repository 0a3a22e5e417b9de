package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Closes a connection once what was queued for it has had time to leave: the stack writes on its
 * selector thread, so a close at once could overtake the last answer. Waits in steps of
 * {@link #STEP_MILLIS} while {@code busy} says messages are still being dealt with, never past
 * the deadline. On the stack's timer.
 */
final class LingeringClose extends SIPStackTimerTask {
    static final long STEP_MILLIS = 200;

    private final SIPTransactionStack stack;
    private final BooleanSupplier busy;
    private final Runnable close;
    private final long deadlineNanos;

    private LingeringClose(SIPTransactionStack stack, BooleanSupplier busy, Runnable close, long deadlineNanos) {
        this.stack = stack;
        this.busy = busy;
        this.close = close;
        this.deadlineNanos = deadlineNanos;
    }

    /** Runs {@code close} after at least one step, and once {@code busy} is false or {@code maxMillis} have passed. */
    static void schedule(SIPTransactionStack stack, BooleanSupplier busy, long maxMillis, Runnable close) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        stack.getTimer().schedule(new LingeringClose(stack, busy, close, deadline), STEP_MILLIS);
    }

    @Override
    public void runTask() {
        if (busy.getAsBoolean() && System.nanoTime() < deadlineNanos) {
            stack.getTimer().schedule(new LingeringClose(stack, busy, close, deadlineNanos), STEP_MILLIS);
        } else {
            close.run();
        }
    }

    @Override
    public Object getThreadHash() {
        return null;
    }
}
