package org.webims.sip.container.dispatch;

import gov.nist.javax.sip.ClientTransactionExt;
import javax.sip.Dialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.container.transaction.Transmitter;

/**
 * The session a response to an application's request belongs to. An initial INVITE (or SUBSCRIBE,
 * REFER) forked downstream may be answered from several places, each with its own To tag and so
 * its own dialog (RFC 3261 §12.1.2, §13.2.2.4); JAIN-SIP makes a dialog for each further tag. The
 * first dialog is the request's session's; each further one gets a derived session in the same
 * application session (JSR 289 §6.2.3.2), which the application acknowledges and ends on its own.
 */
final class ForkedDialogs {
    private static final Logger LOG = LoggerFactory.getLogger(ForkedDialogs.class);

    private ForkedDialogs() {
    }

    /**
     * The request a fork's response answers when it came after the INVITE's client transaction
     * ended ({@code original}, from JAIN-SIP's forked-response event): the transaction's message,
     * or, once the session has let that transaction go, the session's own initial request, found
     * through the transaction's first dialog. Null when the session is gone.
     */
    static ContainerRequest requestOf(ClientTransactionExt original) {
        if (original.getApplicationData() instanceof ContainerRequest request) {
            return request;
        }
        Dialog first = original.getDefaultDialog();
        if (first != null && first.getApplicationData() instanceof ContainerSipSession session && session.isValid()) {
            ContainerRequest initial = session.initialRequest();
            if (initial != null && !initial.incoming() && initial.getMethod().equals(original.getRequest().getMethod())) {
                return initial;
            }
        }
        return null;
    }

    /** The session for a response to {@code request} in {@code dialog} (null: no dialog), derived if need be. */
    static ContainerSipSession sessionFor(ContainerContext context, ContainerRequest request, Dialog dialog) {
        ContainerSipSession original = request.containerSession();
        if (dialog == null || original == null) {
            return original;
        }
        if (dialog.getApplicationData() instanceof ContainerSipSession known) {
            return known; // the original's dialog, or one derived at an earlier response of that fork
        }
        if (!request.isInitial() || !Transmitter.createsDialog(request.getMethod()) || !original.isValid()
                || original.dialog() == null || original.dialog() == dialog || original.proxy() != null) {
            return original;
        }
        ContainerSipSession derived = context.sessions().createDerivedSipSession(original, dialog);
        LOG.atDebug().addKeyValue("session", original.getId()).addKeyValue("derived", derived.getId())
                .addKeyValue("remoteTag", dialog.getRemoteTag()).log("derived session for a forked response");
        return derived;
    }
}
