package org.webims.sip.container.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * Further dialogs on the UAS side of one INVITE: a B2BUA relays each forked 2xx it receives
 * upstream as a 2xx with a To tag of its own (JSR 289 §12 createResponseToOriginalRequest), so
 * the caller sees one dialog per fork (RFC 3261 §13.2.2.4). JAIN-SIP gives a server transaction
 * one dialog and refuses a response whose tag is not that dialog's; this gives the derived
 * session a JAIN-SIP dialog of its own, answered in a transaction of its own
 * ({@link DerivedDialogTransaction}), so that the dialog retransmits its own 2xx until its own
 * ACK (RFC 3261 §13.3.1.4) and takes that dialog's ACK and BYE.
 */
final class DerivedServerDialogs {
    private DerivedServerDialogs() {
    }

    /** Sends {@code response} (its To tag the derived session's) to {@code request} in {@code derived}'s own dialog. */
    static void send(SIPServerTransaction invite, Request request, ContainerSipSession derived, Response response)
            throws SipException {
        SIPDialog dialog = (SIPDialog) derived.dialog();
        if (dialog == null) {
            DerivedDialogTransaction own = DerivedDialogTransaction.of(invite, (SIPRequest) request);
            dialog = own.getSIPStack().createDialog(own);
            dialog.addRoute((SIPRequest) request); // RFC 3261 §12.1.1: the route set from the INVITE's Record-Route
            dialog.addEventListener(invite.getSipProvider());
            own.setDialog(dialog, null);
            derived.bindDialog(dialog);
        }
        // the transaction the dialog was made on, at the session's first response (a 1xx, then its 2xx)
        if (!(dialog.getFirstTransactionInt() instanceof DerivedDialogTransaction own)) {
            throw new SipException("session " + derived.getId() + " has no transaction of its own to answer in");
        }
        own.sendResponse(response);
    }
}
