package testapps.uas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;

/**
 * A UAS: 200 to OPTIONS and MESSAGE; an INVITE rings (180), then is answered (200 with an SDP
 * answer); 200 to BYE. With context-params {@code path.header} and {@code path.mark} it answers
 * the INVITE with that header holding the request's value followed by its own mark, so a caller
 * sees which applications its INVITE went through. An INVITE to the user that context-param
 * {@code ring-only.user} names only rings, until the caller cancels it.
 */
public class AnsweringServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doOptions(SipServletRequest request) throws IOException {
        request.createResponse(SipServletResponse.SC_OK).send();
    }

    @Override
    protected void doMessage(SipServletRequest request) throws IOException {
        request.createResponse(SipServletResponse.SC_OK).send();
    }

    @Override
    protected void doInvite(SipServletRequest request) throws IOException {
        request.createResponse(SipServletResponse.SC_RINGING).send();
        if (request.getRequestURI() instanceof SipURI uri
                && uri.getUser() != null && uri.getUser().equals(getServletContext().getInitParameter("ring-only.user"))) {
            return; // rings until cancelled; the container answers the INVITE 487 then (RFC 3261 §9.2)
        }
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        String pathHeader = getServletContext().getInitParameter("path.header");
        if (pathHeader != null) {
            String before = request.getHeader(pathHeader);
            String mark = getServletContext().getInitParameter("path.mark");
            ok.setHeader(pathHeader, before == null ? mark : before + ", " + mark);
        }
        ok.setContent(answer(request).getBytes(StandardCharsets.US_ASCII), "application/sdp");
        ok.send();
    }

    /** RFC 3264 §6: an answer accepting one PCMU audio stream. */
    private static String answer(SipServletRequest request) {
        String host = request.getLocalAddr();
        return "v=0\r\no=answerer 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        request.createResponse(SipServletResponse.SC_OK).send();
    }
}
