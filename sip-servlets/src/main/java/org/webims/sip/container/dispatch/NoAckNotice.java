package org.webims.sip.container.dispatch;

import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * JSR 289 §6 {@code SipErrorListener.noAckReceived}: "Invoked by the servlet container to notify an
 * application that no ACK was received for an INVITE transaction for which a final response has been
 * sent upstream. This method is invoked for UAS applications only and not for applications that
 * proxied the INVITE." The event names the INVITE and the 2xx that went unacknowledged. Called on the
 * application session's executor (JSR 289 §6.4.2), so the application may end its other leg there.
 */
final class NoAckNotice {
    private NoAckNotice() {
    }

    /** Tells each {@link SipErrorListener} of {@code session}'s application that its last 2xx to an INVITE got no ACK. */
    static void tell(ContainerSipSession session) {
        ContainerResponse answer = session.lastAnswer();
        if (answer == null) {
            return;
        }
        SipErrorEvent event = new SipErrorEvent(answer.containerRequest(), answer);
        session.containerApplicationSession().application()
                .notifyListeners(SipErrorListener.class, l -> l.noAckReceived(event));
    }
}
