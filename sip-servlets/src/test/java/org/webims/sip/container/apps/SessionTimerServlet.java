package org.webims.sip.container.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.webims.sip.sessiontimer.SessionExpiryListener;

/**
 * A test UAS for session timers: answers INVITE (with an SDP answer whose origin is
 * {@value #ANSWER_ORIGIN}), re-INVITE, UPDATE and BYE with 200, records every request and response
 * its servlet methods see, and is its application's {@link SessionExpiryListener}.
 */
public class SessionTimerServlet extends SipServlet implements SessionExpiryListener {
    private static final long serialVersionUID = 1L;
    public static final String ANSWER_ORIGIN = "o=webims-answer 7 7 IN IP4 127.0.0.1";

    /** What the servlet saw: "INVITE", "ACK", "BYE", "UPDATE" for requests, "200 UPDATE" for responses. */
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();
    /** One entry per sessionTimerExpired call: the Call-ID, then the thread it ran on. */
    public static final BlockingQueue<String[]> EXPIRED = new LinkedBlockingQueue<>();

    public static void reset() {
        SEEN.clear();
        EXPIRED.clear();
    }

    @Override
    protected void doRequest(SipServletRequest request) throws javax.servlet.ServletException, IOException {
        SEEN.add(request.getMethod());
        super.doRequest(request);
    }

    @Override
    protected void doResponse(SipServletResponse response) {
        SEEN.add(response.getStatus() + " " + response.getMethod());
    }

    @Override
    protected void doInvite(SipServletRequest invite) throws IOException {
        SipServletResponse ok = invite.createResponse(200);
        String sdp = "v=0\r\n" + ANSWER_ORIGIN + "\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        ok.setContent(sdp.getBytes(StandardCharsets.US_ASCII), "application/sdp");
        ok.send();
    }

    @Override
    protected void doUpdate(SipServletRequest update) throws IOException {
        update.createResponse(200).send();
    }

    @Override
    protected void doBye(SipServletRequest bye) throws IOException {
        bye.createResponse(200).send();
    }

    @Override
    public void sessionTimerExpired(SipSession session) {
        EXPIRED.add(new String[] {session.getCallId(), Thread.currentThread().getName()});
    }
}
