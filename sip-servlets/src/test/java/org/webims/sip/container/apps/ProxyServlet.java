package org.webims.sip.container.apps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.servlet.ServletException;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.URI;

/**
 * A test application: a proxy that forwards each initial request to the targets in context-param
 * {@code proxy.targets} (comma-separated), forking in parallel unless {@code proxy.parallel} is
 * false, record-routing when {@code proxy.recordRoute} is true, with {@code proxy.timeout} seconds
 * as proxy timeout if given. It records what it is shown in
 * {@link #EVENTS} ("request INVITE", "branch 486", "response 200 INVITE") for tests to check.
 */
public class ProxyServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
    /** What the servlet saw, in order; tests clear it before each call. */
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        EVENTS.add("request " + request.getMethod() + (request.isInitial() ? " initial" : ""));
        if (!request.isInitial()) {
            return; // the container proxies in-dialog requests on by itself (JSR 289 §10.2)
        }
        Proxy proxy = request.getProxy();
        proxy.setRecordRoute(Boolean.parseBoolean(getServletContext().getInitParameter("proxy.recordRoute")));
        proxy.setParallel(!"false".equals(getServletContext().getInitParameter("proxy.parallel")));
        String timeout = getServletContext().getInitParameter("proxy.timeout");
        if (timeout != null) {
            proxy.setProxyTimeout(Integer.parseInt(timeout));
        }
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        List<URI> targets = new ArrayList<>();
        for (String target : getServletContext().getInitParameter("proxy.targets").split(",")) {
            targets.add(factory.createURI(target.trim()));
        }
        proxy.proxyTo(targets);
    }

    @Override
    protected void doResponse(SipServletResponse response) {
        EVENTS.add("response " + response.getStatus() + " " + response.getMethod());
    }

    @Override
    protected void doBranchResponse(SipServletResponse response) {
        EVENTS.add("branch " + response.getStatus());
    }
}
