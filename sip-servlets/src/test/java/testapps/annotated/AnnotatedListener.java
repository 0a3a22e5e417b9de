package testapps.annotated;

import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.annotation.SipListener;
import testapps.Events;

@SipListener
public class AnnotatedListener implements ServletContextListener, SipApplicationSessionListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        Events.record(event.getServletContext(), "contextInitialized");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
    }

    @Override
    public void sessionCreated(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
    }
}
