package testapps.b2bua;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletException;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;

/**
 * A B2BUA: each call leaves on a second leg made with B2buaHelper, and responses, ACK,
 * re-INVITE, BYE and CANCEL are relayed between the legs. Context-params:
 * {@code relay.target} sends the second leg there (absent: to the same Request-URI, which lets
 * the application router pick the next application); {@code path.header} and {@code path.mark}
 * add that header with this application's mark to the second leg, and relay the header of the
 * answer back to the caller.
 */
public class RelayB2buaServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        if (!request.isInitial()) {
            relayInDialog(request);
            return;
        }
        String pathHeader = getServletContext().getInitParameter("path.header");
        Map<String, List<String>> headers = pathHeader == null ? null
                : Map.of(pathHeader, List.of(getServletContext().getInitParameter("path.mark")));
        SipServletRequest out = request.getB2buaHelper().createRequest(request, true, headers);
        String target = getServletContext().getInitParameter("relay.target");
        if (target != null) {
            SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
            out.setRequestURI(factory.createURI(target));
        }
        out.send();
    }

    @Override
    protected void doAck(SipServletRequest ack) throws IOException {
        B2buaHelper b2b = ack.getB2buaHelper();
        SipSession otherLeg = b2b.getLinkedSession(ack.getSession());
        // JSR 289 §12.3: the other leg's 2xx waits, pending, for the application to ACK it
        for (SipServletMessage pending : b2b.getPendingMessages(otherLeg, UAMode.UAC)) {
            if (pending instanceof SipServletResponse answer && "INVITE".equals(answer.getMethod())
                    && answer.getStatus() / 100 == 2) {
                SipServletRequest outAck = answer.createAck();
                copyBody(ack, outAck);
                outAck.send();
            }
        }
    }

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        relayInDialog(request);
    }

    @Override
    protected void doCancel(SipServletRequest cancel) throws IOException {
        B2buaHelper b2b = cancel.getB2buaHelper();
        SipSession otherLeg = b2b.getLinkedSession(cancel.getSession());
        if (otherLeg == null || !otherLeg.isValid()) {
            return;
        }
        try {
            b2b.createCancel(otherLeg).send();
        } catch (IllegalStateException answeredMeanwhile) {
            // RFC 3261 §9.1: too late to cancel; the 2xx is relayed and the caller hangs up with BYE
        }
    }

    private void relayInDialog(SipServletRequest request) throws IOException {
        B2buaHelper b2b = request.getB2buaHelper();
        SipSession otherLeg = b2b.getLinkedSession(request.getSession());
        if (otherLeg == null || !otherLeg.isValid()) {
            request.createResponse(SipServletResponse.SC_CALL_LEG_DONE, "Other Leg Gone").send();
            return;
        }
        SipServletRequest out = b2b.createRequest(otherLeg, request, null);
        copyBody(request, out);
        out.send();
    }

    @Override
    protected void doResponse(SipServletResponse response) throws ServletException, IOException {
        if (response.getStatus() == SipServletResponse.SC_TRYING || "CANCEL".equals(response.getMethod())) {
            return; // RFC 3261 §16.7: a 100 is hop by hop; the CANCEL's 200 ends at this leg
        }
        SipServletRequest callerRequest = response.getRequest().getB2buaHelper()
                .getLinkedSipServletRequest(response.getRequest());
        if (callerRequest == null || callerRequest.isCommitted()) {
            return; // the caller's request was answered already (its 487 after a CANCEL)
        }
        SipServletResponse relayed = callerRequest.createResponse(response.getStatus(), response.getReasonPhrase());
        String pathHeader = getServletContext().getInitParameter("path.header");
        if (pathHeader != null && response.getHeader(pathHeader) != null) {
            relayed.setHeader(pathHeader, response.getHeader(pathHeader));
        }
        copyBody(response, relayed);
        relayed.send();
    }

    private static void copyBody(SipServletMessage from, SipServletMessage to) throws IOException {
        byte[] body = from.getRawContent();
        if (body != null && body.length > 0) {
            to.setContent(body, from.getContentType());
        }
    }
}
