package testapps.lifecycle;

import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;

/** A servlet whose init refuses to start. */
public class FailingServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void init() throws ServletException {
        throw new ServletException("refuses to start");
    }
}
