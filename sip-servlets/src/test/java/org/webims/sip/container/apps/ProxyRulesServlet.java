package org.webims.sip.container.apps;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.servlet.ServletException;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

/**
 * A test application that tries to be both proxy and user agent for one INVITE (JSR 289 §10.2):
 * with context-param {@code rules.answerFirst} true it answers 486 and then asks for a proxy;
 * otherwise it proxies to {@code rules.target} and then tries to answer and to bridge. What each
 * attempt gave ("getProxy: IllegalStateException") goes to {@link #EVENTS}.
 */
public class ProxyRulesServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        if (!request.isInitial()) {
            return;
        }
        if (Boolean.parseBoolean(getServletContext().getInitParameter("rules.answerFirst"))) {
            request.createResponse(486).send();
            EVENTS.add("getProxy: " + outcome(request::getProxy));
            return;
        }
        Proxy proxy = request.getProxy();
        proxy.setRecordRoute(true);
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        proxy.proxyTo(factory.createURI(getServletContext().getInitParameter("rules.target")));
        EVENTS.add("createResponse 486: " + outcome(() -> request.createResponse(486)));
        EVENTS.add("getB2buaHelper: " + outcome(request::getB2buaHelper));
        EVENTS.add("setRecordRoute: " + outcome(() -> {
            proxy.setRecordRoute(false);
            return null;
        }));
    }

    private static String outcome(Callable<?> call) {
        try {
            call.call();
            return "allowed";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
