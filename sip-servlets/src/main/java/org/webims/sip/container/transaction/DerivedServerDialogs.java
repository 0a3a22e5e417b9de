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
 * session a JAIN-SIP dialog of its own on the same transaction and sends through it, so the
 * dialog retransmits that 2xx until its ACK (RFC 3261 §13.3.1.4) and takes that dialog's ACK and BYE.
 */
final class DerivedServerDialogs {
    private DerivedServerDialogs() {
    }

    /**
     * Sends {@code response} (its To tag the derived session's) to {@code request} in {@code derived}'s
     * own dialog. Only the application session's executor sends on its sessions, one message at
     * a time (JSR 289 §6.4.2), so no two sends swap the transaction's dialog at once.
     */
    static void send(SIPServerTransaction st, Request request, ContainerSipSession derived, Response response)
            throws SipException {
        SIPDialog dialog = (SIPDialog) derived.dialog();
        if (dialog == null) {
            dialog = st.getSIPStack().createDialog(st);
            dialog.addRoute((SIPRequest) request); // RFC 3261 §12.1.1: the route set from the INVITE's Record-Route
            dialog.addEventListener(st.getSipProvider());
            derived.bindDialog(dialog);
        }
        SIPDialog original = (SIPDialog) st.getDialog();
        st.setDialog(dialog, null);
        try {
            st.sendResponse(response);
        } finally {
            if (original != null) {
                st.setDialog(original, null); // the transaction's own dialog stays the original session's
            }
        }
    }
}
