package org.webims.sip.container.dispatch;

import gov.nist.javax.sip.stack.SIPDialog;
import java.io.IOException;
import java.text.ParseException;
import javax.servlet.sip.SipSession.State;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.sessiontimer.ContainerBye;
import org.webims.sip.sessiontimer.OwnTransaction;

/**
 * RFC 3261 §13.3.1.4: a 2xx retransmitted for 64*T1 without its ACK leaves the dialog confirmed,
 * "but the session SHOULD be terminated. This is accomplished with a BYE." JAIN-SIP stops the
 * retransmissions at 64*T1 and then, our listener not being a {@code SipListenerExt}, deletes the
 * dialog without a BYE (it lingers 8 s, 16*T1 on a configured T1, then the {@code DialogTerminatedEvent} comes). The caller
 * would keep a call whose session the container has ended. So at that event this sends the BYE, for
 * a server dialog (the original session's, or a derived one's: decision 0056) that answered an
 * INVITE with a 2xx, never saw that 2xx's ACK, and whose session is still confirmed: nothing
 * else (a BYE either way, a session the application ended) ends a dialog in that state.
 * JAIN-SIP lets a terminated dialog make and send a BYE, and only a BYE.
 *
 * <p>First the application hears of it (JSR 289 §6 {@code SipErrorListener.noAckReceived},
 * {@link NoAckNotice}): a B2BUA ends its other leg there. The BYE goes only if the application left
 * this dialog as it was, so that the dialog never gets two BYEs.
 *
 * <p>The other way round, a client dialog: RFC 3261 §13.2.2.4 has the UAC core ACK every 2xx to an
 * INVITE, and a UAC that does not want the dialog then ends it with a BYE. Under JSR 289 the
 * application sends that ACK, and a B2BUA that relays its caller's ACK sends none when the caller's
 * never comes. JAIN-SIP waits 64*T1 for it and then deletes the dialog without a word (the BYE of
 * its B2BUA mode would go without the ACK; the container does not set that mode), so the callee
 * would keep a session nobody ends. So at that dialog's {@code DialogTerminatedEvent} (64*T1 + 8 s
 * after the 2xx at the default T1, 80*T1 on another: the linger follows T1, decision 0065) a 2xx still pending in the session (JSR 289 §12.3: not acknowledged) gets its ACK,
 * then the BYE on the same terms as above. There is no JSR 289 notice for this side.
 */
final class UnacknowledgedAnswerHangUp {
    private static final Logger LOG = LoggerFactory.getLogger(UnacknowledgedAnswerHangUp.class);
    /** RFC 3326: why the dialog is hung up, either way; 408, as for a request that timed out. */
    private static final String REASON_TEXT = "No ACK for the 2xx";

    private final ContainerContext context;

    UnacknowledgedAnswerHangUp(ContainerContext context) {
        this.context = context;
    }

    /**
     * Sends the BYE if {@code dialog}, just ended by the stack, is one whose 2xx was never
     * acknowledged, either way: after telling the application on a server dialog, after the owed ACK
     * on a client one. Runs on the session's executor.
     */
    void hangUpIfUnacknowledged(ContainerSipSession session, Dialog dialog) {
        if (!(dialog instanceof SIPDialog d) || session.proxy() != null || session.getState() != State.CONFIRMED) {
            return;
        }
        if (d.isServer()) {
            if (d.isAckSeen() || !Request.INVITE.equals(d.getLastResponseMethod())
                    || d.getLastResponseStatusCode() == null || d.getLastResponseStatusCode() / 100 != 2) {
                return;
            }
            NoAckNotice.tell(session);
        } else {
            ContainerResponse owed = unacknowledged(session);
            if (owed == null) {
                return;
            }
            try {
                owed.createAck().send();
            } catch (IOException | IllegalStateException e) {
                LOG.atDebug().addKeyValue("session", session.getId()).setCause(e).log("could not send the owed ACK");
            }
        }
        // the application's BYE first, then the state: its 2xx, on the stack's thread, ends the session
        // before it takes the BYE off the ongoing messages, so one of the two shows it (a 2xx answering
        // between the two reads once let a second BYE go)
        if (!session.isValid() || byeSent(session) || session.getState() != State.CONFIRMED) {
            return; // the application ended this dialog itself
        }
        try {
            ContainerBye.send(context, dialog, REASON_TEXT, Absorbed.BYE);
            LOG.atDebug().addKeyValue("session", session.getId()).addKeyValue("server", d.isServer())
                    .log("no ACK for the 2xx in 64*T1: BYE sent");
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.atDebug().addKeyValue("session", session.getId()).setCause(e).log("could not send the BYE for a missing ACK");
        }
    }

    /** A 2xx to an INVITE that {@code session} received and nobody acknowledged (JSR 289 §12.3's pending UAC message); null if none. */
    private static ContainerResponse unacknowledged(ContainerSipSession session) {
        return session.ongoingMessages().stream()
                .filter(m -> m instanceof ContainerResponse r && r.incoming() && Request.INVITE.equals(r.getMethod())
                        && r.getStatus() / 100 == 2)
                .map(ContainerResponse.class::cast).findFirst().orElse(null);
    }

    /** Whether the application sent a BYE in {@code session} that is still awaiting its final response. */
    private static boolean byeSent(ContainerSipSession session) {
        return session.ongoingMessages().stream()
                .anyMatch(m -> m instanceof ContainerRequest r && !r.incoming() && Request.BYE.equals(r.getMethod()));
    }

    /** The BYE's response or timeout: the dialog and its session are already over, so nothing is left to do. */
    private enum Absorbed implements OwnTransaction {
        BYE;

        @Override
        public void onResponse(Response response) {
        }

        @Override
        public void onTimeout() {
        }
    }
}
