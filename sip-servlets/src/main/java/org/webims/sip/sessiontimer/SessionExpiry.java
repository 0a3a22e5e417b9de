package org.webims.sip.sessiontimer;

import java.text.ParseException;
import javax.servlet.sip.SipSession.State;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * Ends a dialog whose session timer expired (RFC 4028 §10): a BYE with
 * {@code Reason: SIP ;cause=408 ;text="Session timer expired"} (RFC 3326), whose response the
 * container absorbs, then each {@link SessionExpiryListener} of the application. Runs on the
 * application session's executor.
 */
final class SessionExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionExpiry.class);
    static final String REASON_TEXT = "Session timer expired";

    private final ContainerContext context;

    SessionExpiry(ContainerContext context) {
        this.context = context;
    }

    void expire(SessionTimer timer) {
        ContainerSipSession session = timer.session();
        timer.stop();
        if (!session.isValid() || session.getState() == State.TERMINATED) {
            return;
        }
        Dialog dialog = session.dialog();
        if (dialog != null && dialog.getState() != DialogState.TERMINATED) {
            sendBye(session, dialog);
        }
        session.setState(State.TERMINATED);
        LOG.atDebug().addKeyValue("session", session.getId()).addKeyValue("interval", timer.intervalSeconds())
                .log("session timer expired");
        notifyListeners(session);
        session.invalidateIfReady();
    }

    private void sendBye(ContainerSipSession session, Dialog dialog) {
        try {
            ContainerBye.send(context, dialog, REASON_TEXT, new ExpiryBye(dialog));
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.atDebug().addKeyValue("session", session.getId()).setCause(e).log("could not send the expiry BYE");
            dialog.delete();
        }
    }

    private static void notifyListeners(ContainerSipSession session) {
        session.containerApplicationSession().application()
                .notifyListeners(SessionExpiryListener.class, l -> l.sessionTimerExpired(session));
    }

    /** The expiry BYE: whatever comes back ends the dialog; a failure or timeout deletes it here. */
    private record ExpiryBye(Dialog dialog) implements OwnTransaction {
        @Override
        public void onResponse(Response response) {
            if (response.getStatusCode() >= 300 && dialog.getState() != DialogState.TERMINATED) {
                dialog.delete();
            }
        }

        @Override
        public void onTimeout() {
            if (dialog.getState() != DialogState.TERMINATED) {
                dialog.delete();
            }
        }
    }
}
