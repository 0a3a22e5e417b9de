package org.webims.sip.container.transaction;

import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * RFC 3262 §3: "If a reliable provisional response is retransmitted for 64*T1 seconds without
 * reception of a corresponding PRACK, the UAS SHOULD reject the original request with a 5xx
 * response." JSR 289 §6 {@code SipErrorListener.noPrackReceived}: the container tells the UAS
 * application, and "it is then up to the application to generate the 5xx response"; the event
 * holds the INVITE and the unacknowledged reliable response.
 *
 * <p>JAIN-SIP's own give-up cannot carry that 5xx. Its retransmission task ends at 68*T1 by
 * terminating the INVITE's server transaction (and the dialog) and raising a timeout; a response
 * sent on it afterwards is dropped, so the caller's INVITE would hang. So each reliable response
 * sent gets this watch, 64*T1 after it: if that response is still the one awaiting its PRACK and the
 * INVITE has no final response, the stack's retransmissions are stopped (JAIN-SIP's
 * {@code prackRecieved}, the call its dialog makes on a PRACK: nothing is resent past 64*T1, and the
 * transaction stays open for a final response), then, on the application session's executor
 * (JSR 289 §6.4.2), the application is told. If it sent no final response in its listener, the
 * container sends the 5xx itself, so that no INVITE is left without one.
 *
 * <p>The INVITE's final response cancels the watch, so that a call answered in seconds is not held
 * by the timer for 64*T1. T1 is the stack's (the container's setting): JAIN-SIP retransmits on it.
 *
 * <p>The 5xx is 500 (Server Internal Error, RFC 3261 §21.5.1), with a Warning 399 (§20.43) saying
 * why. Not 504 (Server Time-out, §21.5.5): it names a timely response from an external server that
 * this server accessed, and here the missing message is the caller's own PRACK.
 */
final class NoPrackRefusal {
    private static final Logger LOG = LoggerFactory.getLogger(NoPrackRefusal.class);
    private static final String PHRASE = "Reliable Provisional Response Not Acknowledged";
    private static final String WARNING_TEXT = "\"No PRACK for the reliable provisional response in 64*T1\"";

    private NoPrackRefusal() {
    }

    /** Watches {@code reliable}, just sent on {@code st}, for its PRACK; {@code st} holds it until that PRACK comes. */
    static void watch(ContainerContext context, ContainerResponse reliable, SIPServerTransaction st) {
        byte[] pending = st.getReliableProvisionalResponse();
        if (pending == null) {
            return; // already PRACKed
        }
        reliable.containerRequest().watchPrack(context.workers().timers()
                .schedule(() -> expire(reliable, st, pending), context.t1().times(64), TimeUnit.MILLISECONDS));
    }

    private static void expire(ContainerResponse reliable, SIPServerTransaction st, byte[] pending) {
        ContainerRequest invite = reliable.containerRequest();
        // the same array while that response awaits its PRACK; a later reliable response has a watch of its own
        if (st.getReliableProvisionalResponse() != pending || invite.finalResponseSent()) {
            return;
        }
        st.prackRecieved();
        ContainerSipSession session = reliable.containerSession();
        session.containerApplicationSession().executor().execute(() -> {
            if (!session.isValid() || invite.finalResponseSent()) {
                return;
            }
            SipErrorEvent event = new SipErrorEvent(invite, reliable);
            session.containerApplicationSession().application()
                    .notifyListeners(SipErrorListener.class, l -> l.noPrackReceived(event));
            if (!session.isValid() || invite.finalResponseSent()) {
                return; // the application answered the INVITE, as JSR 289 expects of it
            }
            try {
                SipServletResponse refusal = invite.createResponse(SipServletResponse.SC_SERVER_INTERNAL_ERROR, PHRASE);
                if (invite.getLocalAddr() != null) {
                    refusal.setHeader("Warning", "399 " + agent(invite) + " " + WARNING_TEXT);
                }
                refusal.send();
                LOG.atDebug().addKeyValue("call-id", invite.getCallId()).log("no PRACK in 64*T1: INVITE refused with 500");
            } catch (IOException | IllegalStateException e) {
                LOG.atDebug().addKeyValue("call-id", invite.getCallId()).setCause(e).log("could not refuse an INVITE whose PRACK never came");
            }
        });
    }

    /** RFC 3261 §20.43's warn-agent: the address the INVITE reached us on. */
    private static String agent(ContainerRequest invite) {
        String host = invite.getLocalAddr();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + invite.getLocalPort();
    }
}
