package org.webims.sip.container.apps;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;

/**
 * A test application acting as a UAC whose INVITE is answered by two forks (JSR 289 §6.2.3.2). A
 * MESSAGE starts it: 200 to that, then an INVITE to context-param {@code fork.target}. Each 2xx
 * is acknowledged in its own session (with context-param {@code fork.infoFirst} true, the first
 * session then sends an INFO); once two sessions are answered it hangs up the second
 * (the derived one) and, when that BYE has its 200, the first. {@link #EVENTS} records
 * "2xx &lt;session&gt; &lt;application session&gt; &lt;To tag&gt;", "bye 200 &lt;session&gt;" and
 * "other &lt;session&gt; &lt;state&gt;" (the first session's state after the second ended).
 */
public class ForkedAnswersServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();
    private final List<SipSession> answered = new CopyOnWriteArrayList<>();

    @Override
    protected void doMessage(SipServletRequest message) throws ServletException, IOException {
        message.createResponse(200).send();
        answered.clear();
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        SipServletRequest invite = factory.createRequest(message.getApplicationSession(), "INVITE",
                "sip:uac@127.0.0.1", "sip:forked@127.0.0.1");
        invite.setRequestURI(factory.createURI(getServletContext().getInitParameter("fork.target")));
        invite.send();
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        SipSession session = response.getSession();
        if ("INVITE".equals(response.getMethod())) {
            EVENTS.add("2xx " + session.getId() + " " + session.getApplicationSession().getId() + " "
                    + response.getTo().getParameter("tag"));
            response.createAck().send();
            if (!answered.contains(session)) {
                answered.add(session);
                if (answered.size() == 1 && Boolean.parseBoolean(getServletContext().getInitParameter("fork.infoFirst"))) {
                    session.createRequest("INFO").send();
                }
            }
            if (answered.size() == 2) {
                answered.get(1).createRequest("BYE").send();
            }
        } else if ("INFO".equals(response.getMethod())) {
            EVENTS.add("info " + response.getStatus() + " " + session.getId());
        } else if ("BYE".equals(response.getMethod())) {
            EVENTS.add("bye " + response.getStatus() + " " + session.getId());
            SipSession first = answered.get(0);
            if (session != first) {
                EVENTS.add("other " + first.getId() + " " + first.getState());
                first.createRequest("BYE").send();
            }
        }
    }
}
