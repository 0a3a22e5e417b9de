package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.concurrent.TimeUnit;

/**
 * Ends a stream that holds part of a message for longer than {@link InboundLimits#incompleteMessageMillis()}
 * (RFC 4475 §3.1.2.4: close "if none is forthcoming"), so that a peer that stops half-way, or
 * trickles, holds no buffer or socket for long. One timer task at a time, on the stack's timer.
 */
final class IncompleteMessageWatch {
    /** The stream being watched; its methods are called holding the stream's reading lock. */
    interface Stream {
        /** The instant (System.nanoTime) the oldest incomplete message began, or 0 if none. */
        long partialSinceNanos();

        /** The message has been incomplete too long: answer if possible and close. */
        void giveUp();
    }

    private final SIPTransactionStack stack;
    private final Stream stream;
    private final Object lock;
    private final long limitNanos;
    private boolean scheduled;

    IncompleteMessageWatch(SIPTransactionStack stack, Stream stream, Object lock, InboundLimits limits) {
        this.stack = stack;
        this.stream = stream;
        this.lock = lock;
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limits.incompleteMessageMillis());
    }

    /** Called by the stream, under its lock, after each read. */
    void check() {
        long since = stream.partialSinceNanos();
        if (since != 0 && !scheduled) {
            schedule(limitNanos - (System.nanoTime() - since));
        }
    }

    private void schedule(long delayNanos) {
        scheduled = stack.getTimer().schedule(new Expiry(), Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos)));
    }

    private final class Expiry extends SIPStackTimerTask {
        @Override
        public void runTask() {
            synchronized (lock) {
                scheduled = false;
                long since = stream.partialSinceNanos();
                if (since == 0) {
                    return;
                }
                long left = limitNanos - (System.nanoTime() - since);
                if (left > 0) {
                    schedule(left);
                } else {
                    stream.giveUp();
                }
            }
        }

        @Override
        public Object getThreadHash() {
            return null;
        }
    }
}
