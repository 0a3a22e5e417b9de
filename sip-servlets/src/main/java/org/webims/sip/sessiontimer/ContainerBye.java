package org.webims.sip.sessiontimer;

import java.text.ParseException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.container.ContainerContext;

/**
 * A BYE the container sends on its own (a session timer's expiry, a 2xx never acknowledged), with
 * {@code Reason: SIP ;cause=408} and a text saying why (RFC 3326); its outcome goes to
 * {@code outcome}, never to a servlet.
 */
public final class ContainerBye {
    private ContainerBye() {
    }

    public static void send(ContainerContext context, Dialog dialog, String reasonText, OwnTransaction outcome)
            throws SipException, ParseException, InvalidArgumentException {
        Request bye = dialog.createRequest(Request.BYE);
        bye.addHeader(context.headers().createReasonHeader("SIP", Response.REQUEST_TIMEOUT, reasonText));
        ClientTransaction ct = context.provider().getNewClientTransaction(bye);
        ct.setApplicationData(outcome);
        dialog.sendRequest(ct);
    }
}
