package org.webims.sip.sessiontimer;

import java.text.ParseException;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * Sends the session refreshes of the dialogs where this side is the refresher (RFC 4028 §7.4,
 * §10): an UPDATE without a body where the peer allows UPDATE, else a re-INVITE carrying the
 * dialog's last local SDP (its ACK sent here too). Neither the request nor what answers it
 * reaches a servlet. A 2xx restarts the timer; 408, 481 or no answer end the session like an
 * expiry; other failures leave the session to run out its interval.
 */
final class SessionRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresher.class);

    private final ContainerContext context;
    private final SessionExpiry expiry;

    SessionRefresher(ContainerContext context, SessionExpiry expiry) {
        this.context = context;
        this.expiry = expiry;
    }

    /** Runs on the application session's executor when the refresh comes due. */
    void refresh(SessionTimer timer) {
        send(timer, timer.intervalSeconds(), false);
    }

    private void send(SessionTimer timer, int seconds, boolean afterRetry) {
        ContainerSipSession session = timer.session();
        Dialog dialog = session.dialog();
        if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
            timer.stop();
            return;
        }
        byte[] sdp = timer.localSdp();
        // §10: UPDATE where the peer allows it (RFC 3311); a re-INVITE needs an offer, our last SDP
        boolean update = Boolean.TRUE.equals(timer.peerAllowsUpdate()) || sdp == null;
        String method = update ? Request.UPDATE : Request.INVITE;
        try {
            Request request = dialog.createRequest(method);
            SessionTimerHeaders.addSupportedTimer(request, context.headers());
            // §7.4: this side is the UAC of the refresh and stays the refresher
            SessionTimerHeaders.setSessionExpires(request, context.headers(), new SessionInterval(seconds, Refresher.UAC));
            if (timer.learnedMinSe() > 0) {
                SessionTimerHeaders.setMinSe(request, context.headers(), timer.learnedMinSe()); // §7.4
            }
            if (!update) {
                request.setContent(sdp, timer.localSdpType());
            }
            ClientTransaction ct = context.provider().getNewClientTransaction(request);
            ct.setApplicationData(new Refresh(timer, dialog, method, seconds, afterRetry));
            dialog.sendRequest(ct);
            LOG.atDebug().addKeyValue("session", session.getId()).addKeyValue("method", method).log("session refresh sent");
        } catch (SipException | ParseException e) {
            // e.g. a re-INVITE while the application's own INVITE is pending: let the interval run out
            LOG.atDebug().addKeyValue("session", session.getId()).setCause(e).log("could not send session refresh");
            timer.expireAtIntervalEnd();
        }
    }

    /** One refresh transaction of the container's. */
    private final class Refresh implements OwnTransaction {
        private final SessionTimer timer;
        private final Dialog dialog;
        private final String method;
        private final int seconds;
        private final boolean afterRetry;

        Refresh(SessionTimer timer, Dialog dialog, String method, int seconds, boolean afterRetry) {
            this.timer = timer;
            this.dialog = dialog;
            this.method = method;
            this.seconds = seconds;
            this.afterRetry = afterRetry;
        }

        @Override
        public void onResponse(Response response) {
            int status = response.getStatusCode();
            if (status < 200) {
                return;
            }
            if (status < 300) {
                if (Request.INVITE.equals(method)) {
                    ack(response);
                }
                timer.setPeerAllowsUpdate(SessionTimerHeaders.allows(response, Request.UPDATE));
                Optional<SessionInterval> answered = SessionTimerHeaders.sessionExpires(response);
                // §7.2: refresher=uac names this side; an answer without Session-Expires keeps what we asked
                timer.start(answered.map(SessionInterval::seconds).orElse(seconds),
                        answered.map(a -> a.refresher() != Refresher.UAS).orElse(true));
                return;
            }
            OptionalInt minSe = SessionTimerHeaders.minSe(response);
            if (status == 422 && minSe.isPresent() && !afterRetry) {
                timer.learnMinSe(minSe.getAsInt()); // §7.4: once more with the peer's Min-SE
                executor().execute(() -> send(timer, Math.max(seconds, minSe.getAsInt()), true));
            } else if (status == Response.REQUEST_TIMEOUT || status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) {
                executor().execute(() -> expiry.expire(timer)); // §10: the session is gone
            } else {
                timer.expireAtIntervalEnd();
            }
        }

        @Override
        public void onTimeout() {
            executor().execute(() -> expiry.expire(timer)); // §10: a refresh that times out ends the session
        }

        private void ack(Response response) {
            try {
                long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                dialog.sendAck(dialog.createAck(cseq));
            } catch (SipException | InvalidArgumentException e) {
                LOG.atDebug().setCause(e).log("could not ACK the refresh");
            }
        }

        private java.util.concurrent.Executor executor() {
            return timer.session().containerApplicationSession().executor();
        }
    }
}
