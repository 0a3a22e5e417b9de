package org.webims.sip.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.webims.sip.container.SipContainer;

/** Checks on the container's live sessions: a finished call or exchange must leave none behind. */
final class Sessions {
    private Sessions() {
    }

    /** Sessions end on their own once their dialogs and transactions are over (JSR 289 §6.1.2, invalidate-when-ready). */
    static void awaitNone(SipContainer container) throws InterruptedException {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        while ((container.sipSessionCount() > 0 || container.applicationSessionCount() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left");
        assertEquals(0, container.applicationSessionCount(), "application sessions left");
    }
}
