package org.webims.sip.stack.timer;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.util.Set;

/**
 * Runs JAIN-SIP's T1-clocked timers on a configured T1 ({@link TimerT1}). JAIN-SIP 1.3 inlines
 * T1 as 500 ms ({@code SIPTransactionStack.BASE_TIMER_INTERVAL}) and schedules its transaction and
 * dialog timers as multiples of it, so a delay of those tasks times T1/500 is the delay the stack
 * would have asked for with that T1.
 *
 * <p>Scaled (JAIN-SIP 1.3.0-91's task classes, read from its bytecode):
 * <ul>
 *   <li>the transactions' T1 tick, which counts Timers A, B, D, E, F, G, H, I and K, with T2 as 8
 *       ticks and T4 as 10 (RFC 3261 §17): so T2 and T4 follow T1 in proportion;</li>
 *   <li>Timer J (64*T1) and Timer K (T4), scheduled once;</li>
 *   <li>the 2xx retransmission until the ACK (§13.3.1.4), the reliable provisional response's
 *       retransmission (RFC 3262 §3), and the 64*T1 dialog deletions for a missing ACK;</li>
 *   <li>the 100 Trying sent 200 ms into an INVITE the application has not answered (§17.2.1):
 *       it exists to stop the caller's Timer A retransmissions, which run on T1;</li>
 *   <li>the 8 s linger of ended transactions and dialogs, which absorb retransmissions, and the
 *       24 s a client INVITE is kept for other forks' 2xx (with that linger, 64*T1: §13.2.2.4).</li>
 * </ul>
 * Not scaled, being wall-clock times with no tie to T1: the early-dialog timeout (3 min), an
 * INVITE's Expires, TLS handshake and keep-alive timeouts, and every task of the container's own
 * (incomplete-message and lingering-close watches).
 */
final class T1ScaledTasks {
    private static final String STACK = "gov.nist.javax.sip.stack.";
    /** Classes of the tasks scaled; {@code $1} are the anonymous Timer J and Timer K tasks. */
    static final Set<String> CLASS_NAMES = Set.of(
            STACK + "SIPClientTransactionImpl$TransactionTimer",
            STACK + "SIPServerTransactionImpl$TransactionTimer",
            STACK + "SIPClientTransactionImpl$1",
            STACK + "SIPServerTransactionImpl$1",
            STACK + "SIPServerTransactionImpl$SendTrying",
            STACK + "SIPServerTransactionImpl$ProvisionalResponseTask",
            STACK + "SIPServerTransactionImpl$RetransmissionAlertTimerTask",
            STACK + "SIPDialog$DialogTimerTask",
            STACK + "SIPDialog$DialogDeleteTask",
            STACK + "SIPDialog$DialogDeleteIfNoAckSentTask",
            STACK + "SIPDialog$LingerTimer",
            STACK + "SIPTransactionImpl$LingerTimer",
            STACK + "SIPTransactionStack$RemoveForkedTransactionTimerTask");

    private final long t1Millis;

    private T1ScaledTasks(TimerT1 t1) {
        this.t1Millis = t1.millis();
    }

    /** The scaling for {@code t1}; null at the default T1, where the stack's own delays stand. */
    static T1ScaledTasks forT1(TimerT1 t1) {
        return t1.isDefault() ? null : new T1ScaledTasks(t1);
    }

    /** {@code stackMillis}, asked for by {@code task}, on the configured T1. */
    long millis(SIPStackTimerTask task, long stackMillis) {
        if (stackMillis <= 0 || !CLASS_NAMES.contains(task.getClass().getName())) {
            return stackMillis;
        }
        return Math.max(1, stackMillis * t1Millis / TimerT1.RFC_DEFAULT_MILLIS);
    }
}
