package testapps.lifecycle;

import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import testapps.Events;

/** One listener class for two interfaces: the container must create it once. */
public class RecordingListener implements ServletContextListener, SipServletListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        Events.record(event.getServletContext(), "contextInitialized");
    }

    @Override
    public void servletInitialized(SipServletContextEvent event) {
        Events.record(event.getServletContext(), "servletInitialized:" + event.getSipServlet().getServletName());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Events.record(event.getServletContext(), "contextDestroyed");
    }
}
