package org.webims.sip.container.apps;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.sip.AuthInfo;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * A test UAC that registers upstream with Digest credentials: a MESSAGE makes it REGISTER
 * alice at the registrar (context parameter {@code registrar}); a 401 is answered with
 * {@code addAuthHeader} and the password of parameter {@code password}; the MESSAGE then gets the
 * REGISTER's final status.
 */
public class UpstreamRegisteringServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
    private static final String REALM = "registrar.test";

    @Override
    protected void doMessage(SipServletRequest message) throws ServletException, IOException {
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        String aor = "sip:alice@" + REALM;
        SipServletRequest register = factory.createRequest(message.getApplicationSession(), "REGISTER", aor, aor);
        register.setRequestURI(factory.createURI(getServletContext().getInitParameter("registrar")));
        register.getSession().setAttribute("message", message);
        register.send();
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) throws IOException {
        if (response.getStatus() == 401 && response.getSession().getAttribute("challenged") == null) {
            response.getSession().setAttribute("challenged", true);
            SipServletRequest again = response.getSession().createRequest("REGISTER");
            SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
            AuthInfo credentials = factory.createAuthInfo();
            credentials.addAuthInfo(401, REALM, "alice", getServletContext().getInitParameter("password"));
            again.addAuthHeader(response, credentials);
            again.send();
            return;
        }
        answerMessage(response);
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        answerMessage(response);
    }

    private static void answerMessage(SipServletResponse registerResult) throws IOException {
        SipServletRequest message = (SipServletRequest) registerResult.getSession().getAttribute("message");
        message.createResponse(registerResult.getStatus()).send();
    }
}
