package testapps.timer;

import java.io.IOException;
import java.io.Serializable;
import javax.servlet.ServletException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;
import javax.servlet.sip.annotation.SipListener;

/**
 * Answers a MESSAGE with 200 and later sends MESSAGEs back to the sender, as a UAC through
 * SipFactory, from a ServletTimer (JSR 289 §18). Body "once": one timer, one MESSAGE "fired".
 * Body "ticks N": a periodic timer; each firing sends "tick i", the N-th cancels the timer and
 * then sends "cancelled, timers left: k".
 */
@javax.servlet.sip.annotation.SipServlet(name = "EchoLater", loadOnStartup = 1)
@SipListener
public class EchoLaterServlet extends SipServlet implements TimerListener {
    private static final long serialVersionUID = 1L;
    private static final long DELAY_MILLIS = 50;
    private static final String FIRINGS = "firings";

    /** What a timer does when it fires: where to send, and how many firings before cancelling (0: once). */
    private record Plan(String replyTo, int ticks) implements Serializable {
    }

    @Override
    protected void doMessage(SipServletRequest request) throws ServletException, IOException {
        String body = new String(request.getRawContent(), request.getCharacterEncoding() == null
                ? "UTF-8" : request.getCharacterEncoding()).strip();
        String replyTo = request.getAddressHeader("Contact").getURI().toString();
        TimerService timers = (TimerService) getServletContext().getAttribute(TIMER_SERVICE);
        SipApplicationSession appSession = request.getApplicationSession();
        if ("once".equals(body)) {
            timers.createTimer(appSession, DELAY_MILLIS, false, new Plan(replyTo, 0));
        } else if (body.startsWith("ticks ")) {
            int ticks = Integer.parseInt(body.substring("ticks ".length()));
            appSession.setAttribute(FIRINGS, 0);
            timers.createTimer(appSession, DELAY_MILLIS, DELAY_MILLIS, false, false, new Plan(replyTo, ticks));
        } else {
            request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Say once or ticks N").send();
            return;
        }
        request.createResponse(SipServletResponse.SC_OK).send();
    }

    @Override
    public void timeout(ServletTimer timer) {
        Plan plan = (Plan) timer.getInfo();
        SipApplicationSession appSession = timer.getApplicationSession();
        try {
            if (plan.ticks() == 0) {
                send(appSession, plan.replyTo(), "fired");
                return;
            }
            int firing = (Integer) appSession.getAttribute(FIRINGS) + 1;
            appSession.setAttribute(FIRINGS, firing);
            send(appSession, plan.replyTo(), "tick " + firing);
            if (firing == plan.ticks()) {
                timer.cancel();
                send(appSession, plan.replyTo(), "cancelled, timers left: " + appSession.getTimers().size());
            }
        } catch (IOException | ServletException e) {
            log("could not send the timer's MESSAGE", e);
        }
    }

    private void send(SipApplicationSession appSession, String to, String text) throws IOException, ServletException {
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        SipServletRequest message = factory.createRequest(appSession, "MESSAGE", "sip:timer-app@127.0.0.1", to);
        message.setContent(text, "text/plain");
        message.send();
    }
}
