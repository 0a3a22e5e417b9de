package org.webims.sip.container.dispatch;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.message.ContainerRequest;

/**
 * Composes applications on one call (JSR 289 §15.4): before an application's initial request
 * leaves, the router may name the next application; the request is then routed back to this
 * container through a Route carrying a token for the router's state, and selection continues
 * where it stopped. The state stays in memory here; the token is random, so nothing from the
 * network is ever deserialized.
 */
public final class ApplicationComposition {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationComposition.class);
    /** The Route URI parameter that carries the token. */
    public static final String ROUTE_PARAMETER = "webims-ar";
    /**
     * How long the router's state waits for its request to come back: twice 64*T1, the longest a
     * transaction lives (RFC 3261 §17.1.1.2), so 64 s at the default T1.
     */
    private static final int STATE_TTL_T1 = 128;

    private final ContainerContext context;
    private final DeployedApplications applications;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** The router's state for a request on its way back into the container. */
    public record Pending(String applicationName, Serializable stateInfo, SipApplicationRouterInfo info, long expiresAt) {
    }

    public ApplicationComposition(ContainerContext context, DeployedApplications applications) {
        this.context = context;
        this.applications = applications;
    }

    /** Called before an initial request an application created is sent. */
    public void beforeSend(ContainerRequest request) {
        SipApplicationRouter router = applications.router();
        if (router == null) {
            return;
        }
        SipApplicationRoutingDirective directive = request.getRoutingDirective();
        ContainerRequest origin = request.related();
        Serializable state = directive == SipApplicationRoutingDirective.NEW || origin == null ? null : origin.stateInfo();
        SipApplicationRouterInfo info = router.getNextApplication(request,
                origin == null ? null : origin.getRegion(), directive, null, state);
        if (info == null) {
            return;
        }
        if (info.getNextApplicationName() != null && applications.get(info.getNextApplicationName()) != null) {
            String token = newToken();
            pending.put(token, new Pending(info.getNextApplicationName(), info.getStateInfo(), info,
                    System.currentTimeMillis() + context.t1().times(STATE_TTL_T1)));
            pushRouteToSelf(request, token);
        } else if (info.getRouteModifier() == SipRouteModifier.ROUTE && info.getRoutes() != null) {
            for (int i = info.getRoutes().length - 1; i >= 0; i--) {
                pushRoute(request, info.getRoutes()[i]);
            }
        }
        expireOld();
    }

    /** If the request's top Route is ours with a token, pops it and returns the pending state. */
    public Pending takeReturning(Request request) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !(top.getAddress().getURI() instanceof SipURI uri)) {
            return null;
        }
        String token = uri.getParameter(ROUTE_PARAMETER);
        if (token == null || !isOurs(uri)) {
            return null;
        }
        request.removeFirst(RouteHeader.NAME);
        Pending p = pending.remove(token);
        if (p == null || p.expiresAt() < System.currentTimeMillis()) {
            LOG.atDebug().addKeyValue("token", token).log("stale application-router token");
            return null;
        }
        return p;
    }

    private boolean isOurs(SipURI uri) {
        for (String t : new String[] {"UDP", "TCP", "TLS", "WS", "WSS"}) {
            ListeningPoint lp = context.listeningPoint(t);
            if (lp != null && lp.getIPAddress().equals(uri.getHost()) && lp.getPort() == uri.getPort()) {
                return true;
            }
        }
        return false;
    }

    private void pushRouteToSelf(ContainerRequest request, String token) {
        ListeningPoint lp = context.listeningPoint("UDP");
        try {
            SipURI self = context.addresses().createSipURI(null, lp.getIPAddress());
            self.setPort(lp.getPort());
            self.setLrParam();
            self.setParameter(ROUTE_PARAMETER, token);
            if (!"UDP".equalsIgnoreCase(lp.getTransport())) {
                self.setTransportParam(lp.getTransport().toLowerCase());
            }
            RouteHeader route = context.headers().createRouteHeader(context.addresses().createAddress(self));
            ((gov.nist.javax.sip.message.SIPMessage) request.jainRequest()).addFirst(route);
        } catch (java.text.ParseException | javax.sip.SipException e) {
            throw new IllegalStateException("cannot route the request back into the container", e);
        }
    }

    private void pushRoute(ContainerRequest request, String route) {
        try {
            RouteHeader header = context.headers().createRouteHeader(context.addresses().createAddress(route));
            ((gov.nist.javax.sip.message.SIPMessage) request.jainRequest()).addFirst(header);
        } catch (java.text.ParseException | javax.sip.SipException e) {
            throw new IllegalStateException("the application router gave a bad route: " + route, e);
        }
    }

    private String newToken() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void expireOld() {
        long now = System.currentTimeMillis();
        pending.values().removeIf(p -> p.expiresAt() < now);
    }
}
