package org.webims.sip.container.apps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * as proxy timeout if given, leaving from context-param {@code proxy.outboundInterface}
 * ("address:port") if given, after trying each of {@code proxy.foreignInterfaces} (recorded:
 * "setOutboundInterface 192.0.2.1:5060: IllegalArgumentException"). When {@code proxy.reportBranches}
 * is true it also records how many top-level branches the proxy has once it is started ("branches 1")
 * and how many a 3xx recursed into ("recursed 302: 1"). It records what it is shown in {@link #EVENTS} ("request INVITE",
 * "branch 486", "response 200 INVITE"), and the Via and Record-Route headers of each 2xx to INVITE
 * (what its callee echoed of the forwarded request) in {@link #ANSWER_HEADERS}, for tests to check.
 */
public class ProxyServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
    /** What the servlet saw, in order; tests clear it before each call. */
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();
    /** "Via: ..." then "Record-Route: ..." lines, one per header value, of each 2xx to INVITE. */
    public static final Queue<String> ANSWER_HEADERS = new ConcurrentLinkedQueue<>();

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
        String foreign = getServletContext().getInitParameter("proxy.foreignInterfaces");
        if (foreign != null) {
            for (String address : foreign.split(",")) {
                try {
                    proxy.setOutboundInterface(socketAddress(address));
                    EVENTS.add("setOutboundInterface " + address + ": allowed");
                } catch (IllegalArgumentException e) {
                    EVENTS.add("setOutboundInterface " + address + ": IllegalArgumentException");
                }
            }
        }
        String outbound = getServletContext().getInitParameter("proxy.outboundInterface");
        if (outbound != null) {
            proxy.setOutboundInterface(socketAddress(outbound));
        }
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        List<URI> targets = new ArrayList<>();
        for (String target : getServletContext().getInitParameter("proxy.targets").split(",")) {
            targets.add(factory.createURI(target.trim()));
        }
        proxy.proxyTo(targets);
        if (reportBranches()) {
            EVENTS.add("branches " + proxy.getProxyBranches().size());
        }
    }

    private boolean reportBranches() {
        return Boolean.parseBoolean(getServletContext().getInitParameter("proxy.reportBranches"));
    }

    /** "address:port" as a socket address; a literal address is not looked up. */
    private static InetSocketAddress socketAddress(String text) throws IOException {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
    }

    @Override
    protected void doResponse(SipServletResponse response) {
        EVENTS.add("response " + response.getStatus() + " " + response.getMethod());
        if (response.getStatus() / 100 == 2 && "INVITE".equals(response.getMethod())) {
            for (String name : List.of("Via", "Record-Route")) {
                response.getHeaders(name).forEachRemaining(v -> ANSWER_HEADERS.add(name + ": " + v));
            }
        }
    }

    @Override
    protected void doBranchResponse(SipServletResponse response) {
        EVENTS.add("branch " + response.getStatus());
        if (reportBranches() && response.getStatus() / 100 == 3) {
            EVENTS.add("recursed " + response.getStatus() + ": " + response.getProxyBranch().getRecursedProxyBranches().size());
        }
    }
}
