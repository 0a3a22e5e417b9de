package testapps.annotated;

import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import testapps.Events;

@javax.servlet.sip.annotation.SipServlet(name = "Greeter", loadOnStartup = 1, description = "greets")
public class GreeterServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void init() throws ServletException {
        Events.record(getServletContext(), "init:" + getServletName());
    }
}
