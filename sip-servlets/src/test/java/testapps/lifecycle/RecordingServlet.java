package testapps.lifecycle;

import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import testapps.Events;

/** Records init (with its "greeting" init-param) and destroy. */
public class RecordingServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void init() throws ServletException {
        Events.record(getServletContext(), "init:" + getServletName() + ":" + getInitParameter("greeting"));
    }

    @Override
    public void destroy() {
        Events.record(getServletContext(), "destroy:" + getServletName());
    }
}
