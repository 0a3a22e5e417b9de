package org.webims.sip.container.apps;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.ServletException;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

/**
 * A test UAS: 183 sent reliably (RFC 3262), the call answered once that 183 is PRACKed. Declared
 * as its application's listener too, it records each {@code noPrackReceived} and leaves the INVITE
 * unanswered, so that the container's own 5xx is what the caller gets (decision 0060).
 */
public class ReliableRingingServlet extends SipServlet implements SipErrorListener {
    private static final long serialVersionUID = 1L;
    /** One entry per noPrackReceived call: the request's method and the response's status and RSeq. */
    public static final List<String> NO_PRACKS = new CopyOnWriteArrayList<>();

    @Override
    protected void doInvite(SipServletRequest invite) throws ServletException, IOException {
        invite.getSession().setAttribute("invite", invite);
        invite.createResponse(183).sendReliably();
    }

    @Override
    protected void doPrack(SipServletRequest prack) throws IOException {
        prack.createResponse(200).send();
        SipServletRequest invite = (SipServletRequest) prack.getSession().getAttribute("invite");
        invite.createResponse(200).send();
    }

    @Override
    protected void doBye(SipServletRequest bye) throws IOException {
        bye.createResponse(200).send();
    }

    @Override
    public void noAckReceived(SipErrorEvent event) {
    }

    @Override
    public void noPrackReceived(SipErrorEvent event) {
        NO_PRACKS.add(event.getRequest().getMethod() + " " + event.getResponse().getStatus() + " "
                + event.getResponse().getHeader("RSeq"));
    }
}
