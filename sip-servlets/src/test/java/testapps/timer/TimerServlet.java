package testapps.timer;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.annotation.SipListener;

/** The common JSR 289 shape: a servlet that is its application's TimerListener, named by applicationName only. */
@javax.servlet.sip.annotation.SipServlet(applicationName = "timer-app")
@SipListener(applicationName = "timer-app")
public class TimerServlet extends SipServlet implements TimerListener {
    private static final long serialVersionUID = 1L;

    @Override
    public void timeout(ServletTimer timer) {
    }
}
