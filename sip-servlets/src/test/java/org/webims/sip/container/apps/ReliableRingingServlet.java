package org.webims.sip.container.apps;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

/** A test UAS: 183 sent reliably (RFC 3262), the call answered once that 183 is PRACKed. */
public class ReliableRingingServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

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
}
