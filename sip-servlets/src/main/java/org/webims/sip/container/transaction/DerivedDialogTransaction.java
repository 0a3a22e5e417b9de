package org.webims.sip.container.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import javax.sip.SipException;
import javax.sip.TransactionState;
import org.webims.sip.stack.outbound.OnceEncodedServerTransaction;

/**
 * The INVITE server transaction as one derived dialog has it: the 2xx that dialog was answered
 * with, sent and then retransmitted from here. RFC 3261 §13.3.1.4 has the UAS core retransmit each
 * 2xx until its ACK, and a B2BUA that relays a second fork's 2xx (JSR 289 §12) has two 2xx to one
 * INVITE, each acknowledged on its own (§13.2.2.4; the ACK of a 2xx is matched by dialog, not by
 * transaction, §17.2.1). JAIN-SIP's dialog resends the last response of the transaction it was
 * answered in: on the INVITE's one transaction, the first dialog would resend the second
 * dialog's 2xx while its own ACK is missing. So each derived dialog gets this object: the
 * INVITE's request (a copy) and channel, and a last response of its own.
 *
 * <p>It is not in the stack's transaction table: the INVITE's own transaction is, matches the
 * INVITE's retransmissions (§17.2.3: one branch, one transaction) and lingers for them. So this one
 * starts no timer of its own: the end of one would take the INVITE's transaction out of the
 * table by their shared key. It lives as long as its dialog's retransmission timer needs it.
 */
final class DerivedDialogTransaction extends OnceEncodedServerTransaction {

    private DerivedDialogTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    /**
     * For a further 2xx to {@code request}, whose transaction is {@code invite}. The request is
     * copied: JAIN-SIP points a request at the transaction given it, and the INVITE's stays with
     * the transaction in the table. The new one starts out as that one is after its first 2xx,
     * terminated (RFC 3261 §17.2.1): no timers of its own, no timeout event at 64*T1.
     */
    static DerivedDialogTransaction of(SIPServerTransaction invite, SIPRequest request) throws SipException {
        MessageChannel channel = invite.getMessageChannel();
        if (channel == null) {
            throw new SipException("the INVITE's transaction has let go of its channel");
        }
        DerivedDialogTransaction transaction = new DerivedDialogTransaction(invite.getSIPStack(), channel);
        transaction.setOriginalRequest((SIPRequest) request.clone());
        transaction.setState(TransactionState._TERMINATED);
        return transaction;
    }

    /** None: see the class comment. */
    @Override
    public void startTransactionTimer() {
    }
}
