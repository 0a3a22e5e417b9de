package org.webims.sip.container.proxy;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * A proxy passes Call-ID and tags through unchanged (RFC 3261 §16.6), so when the user agent on
 * the far side of a record-routing proxy is an application in this same container (JSR 289 §15.4
 * composition), JAIN-SIP's one dialog table sees each in-dialog request twice: on its way into the
 * proxy and again after it. The first sighting must not count against the user agent's dialog.
 */
final class ColocatedDialogs {
    private ColocatedDialogs() {
    }

    /**
     * After a 2xx that set up a record-routed dialog: if its UAS is a session of this container,
     * that dialog accepts the CSeq it has already seen once (in the proxy's hop) a second time.
     */
    static void acceptRelayedRequests(ContainerContext context, Response answer) {
        if (answer instanceof SIPResponse response && context.provider().getSipStack() instanceof SIPTransactionStack stack) {
            SIPDialog dialog = stack.getDialog(response.getDialogId(true));
            if (dialog != null && dialog.getApplicationData() instanceof ContainerSipSession) {
                dialog.disableSequenceNumberValidation();
            }
        }
    }

    /** The stack tied the proxy's hop of an in-dialog request to the co-located UA's dialog: untie it. */
    static void detach(ServerTransaction transaction) {
        if (transaction instanceof SIPServerTransaction st && st.getDialog() != null) {
            st.setDialog(null, null);
        }
    }
}
