package org.webims.sip.container.apps;

import java.io.IOException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;

/**
 * A test UAS for RFC 3891: an INVITE with Replaces takes the place of the call it names, which
 * gets a BYE; one naming no call of ours gets 481 (§3). Other INVITEs are answered.
 */
public class ReplacingUasServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doInvite(SipServletRequest invite) throws IOException {
        if (invite.getHeader("Replaces") != null) {
            SipSessionsUtil sessions = (SipSessionsUtil) getServletContext().getAttribute(SIP_SESSIONS_UTIL);
            SipSession replaced = sessions.getCorrespondingSipSession(invite.getSession(), "Replaces");
            if (replaced == null) {
                invite.createResponse(481).send();
                return;
            }
            replaced.createRequest("BYE").send();
        }
        invite.createResponse(200).send();
    }

    @Override
    protected void doBye(SipServletRequest bye) throws IOException {
        bye.createResponse(200).send();
    }
}
