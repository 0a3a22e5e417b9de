package org.webims.sip.container.transaction;

import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import javax.sip.Dialog;

/**
 * Ends JAIN-SIP's watch for a missing ACK once the ACK has gone. For each 2xx to an INVITE it hands
 * the application, JAIN-SIP schedules a task 64*T1 later (32 s at the default T1, as long as RFC 3261 §13.3.1.4 has the
 * UAS wait for the ACK) that deletes the dialog if no ACK was sent for that CSeq; it never cancels it, so every
 * dialog the container ACKed stayed reachable from the timer, with its INVITE, 2xx and transactions,
 * for 32 s after the call: copied through every young collection in that time (decision 0034).
 * The task is cancelled only when it would find the ACK sent, the condition it checks itself.
 */
final class AckedDialogWatch {
    private static final VarHandle TASK;
    private static final VarHandle HIGHEST_ACKED;
    private static final VarHandle TASK_CSEQ;

    static {
        try {
            MethodHandles.Lookup dialog = MethodHandles.privateLookupIn(SIPDialog.class, MethodHandles.lookup());
            Class<?> taskClass = Class.forName(SIPDialog.class.getName() + "$DialogDeleteIfNoAckSentTask");
            TASK = dialog.findVarHandle(SIPDialog.class, "dialogDeleteIfNoAckSentTask", taskClass);
            HIGHEST_ACKED = dialog.findVarHandle(SIPDialog.class, "highestSequenceNumberAcknowledged", long.class);
            TASK_CSEQ = MethodHandles.privateLookupIn(taskClass, MethodHandles.lookup()).findVarHandle(taskClass, "seqno", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // a JAIN-SIP other than the one we build against
        }
    }

    private AckedDialogWatch() {
    }

    /** After an ACK was sent in {@code dialog}: cancels the missing-ACK task if that ACK answered it. */
    static void ackSent(Dialog dialog) {
        if (!(dialog instanceof SIPDialog sip)) {
            return;
        }
        SIPStackTimerTask task;
        synchronized (sip) { // JAIN-SIP schedules it in a method synchronized on the dialog
            task = (SIPStackTimerTask) TASK.get(sip);
            if (task == null || (long) TASK_CSEQ.get(task) > (long) HIGHEST_ACKED.get(sip)) {
                return;
            }
            TASK.set(sip, null);
        }
        ((SIPTransactionStack) sip.getSipProvider().getSipStack()).getTimer().cancel(task);
    }
}
