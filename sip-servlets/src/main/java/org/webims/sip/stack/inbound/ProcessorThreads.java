package org.webims.sip.stack.inbound;

import java.util.concurrent.TimeUnit;

/**
 * A message processor's stop waits here for its own thread to leave its loop, once its socket or
 * selector is closed: when the stack's stop returns, nothing it read is still on its way to the
 * listener (decision 0068: JAIN-SIP's fixed second's sleep, which stood in for this, is skipped).
 */
final class ProcessorThreads {
    /** Far beyond a loop's last turn; bounded so that a stuck listener cannot hang a shutdown. */
    private static final long MOST_MILLIS = TimeUnit.SECONDS.toMillis(5);

    private ProcessorThreads() {
    }

    static void awaitEnd(Thread thread) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(MOST_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
