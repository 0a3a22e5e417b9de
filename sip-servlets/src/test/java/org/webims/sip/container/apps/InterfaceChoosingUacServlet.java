package org.webims.sip.container.apps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * A test application acting as a UAC that chooses its outbound interface (JSR 289
 * {@code SipSession.setOutboundInterface}): a MESSAGE starts it (200), then an INVITE to
 * context-param {@code uac.target} leaves from 127.0.0.1 port {@code uac.interfacePort}; its 2xx is
 * acknowledged and the call hung up. {@link #EVENTS} records "Via: ..." of the 2xx (what the
 * callee echoed) and "bye &lt;status&gt;".
 */
public class InterfaceChoosingUacServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    @Override
    protected void doMessage(SipServletRequest message) throws ServletException, IOException {
        message.createResponse(200).send();
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        SipServletRequest invite = factory.createRequest(message.getApplicationSession(), "INVITE",
                "sip:uac@127.0.0.1", "sip:callee@127.0.0.1");
        invite.setRequestURI(factory.createURI(getServletContext().getInitParameter("uac.target")));
        invite.getSession().setOutboundInterface(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(getServletContext().getInitParameter("uac.interfacePort"))));
        invite.send();
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        if ("INVITE".equals(response.getMethod())) {
            EVENTS.add("Via: " + response.getHeader("Via"));
            response.createAck().send();
            response.getSession().createRequest("BYE").send();
        } else if ("BYE".equals(response.getMethod())) {
            EVENTS.add("bye " + response.getStatus());
        }
    }
}
