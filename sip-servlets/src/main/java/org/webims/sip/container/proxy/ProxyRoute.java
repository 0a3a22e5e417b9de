package org.webims.sip.container.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.webims.sip.container.ContainerContext;

/**
 * The URIs a proxy puts in Record-Route and Path, and recognising them when requests come back
 * (RFC 3261 §16.6 step 4, §16.4; RFC 3327). A Record-Route URI names the proxy's SIP session in a
 * parameter, so in-dialog requests find it without any dialog state in the stack.
 */
final class ProxyRoute {
    /** The URI parameter carrying the proxy's SIP session id (percent-encoded). */
    static final String SESSION_PARAMETER = "webims-proxy";
    /** RFC 5658 §4: marks each of a double Record-Route's two entries. */
    static final String R2_PARAMETER = "r2";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ProxyRoute() {
    }

    /** A loose-routing (lr) URI of this container on {@code lp}, naming {@code sessionId}. */
    static SipURI recordRoute(ContainerContext context, ListeningPoint lp, String sessionId) {
        SipURI uri = own(context, lp);
        try {
            uri.setParameter(SESSION_PARAMETER, encode(sessionId));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot name session " + sessionId + " in a Record-Route", e);
        }
        return uri;
    }

    /**
     * The Record-Routes for a branch leaving on {@code out} of a request that came in on {@code in},
     * top first: {@code view} (the servlet's Record-Route URI, naming {@code in}) alone when both
     * are one listening point; else RFC 5658 §4 double record-routing, one entry per interface,
     * the one facing downstream on top, both marked {@code r2=on} and carrying the servlet's parameters.
     */
    static List<SipURI> recordRoutes(SipURI view, ListeningPoint in, ListeningPoint out) {
        if (in == out) {
            return List.of(view);
        }
        try {
            SipURI inbound = (SipURI) view.clone();
            inbound.setParameter(R2_PARAMETER, "on");
            SipURI outbound = (SipURI) inbound.clone();
            outbound.setHost(out.getIPAddress());
            outbound.setPort(out.getPort());
            if ("UDP".equalsIgnoreCase(out.getTransport())) {
                outbound.removeParameter("transport");
            } else {
                outbound.setTransportParam(out.getTransport().toLowerCase(Locale.ROOT));
            }
            return List.of(outbound, inbound);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a Record-Route for " + out.getIPAddress(), e);
        }
    }

    /**
     * RFC 5658 §4: after popping our {@code popped} Route, whether the next Route is the other half
     * of the same double Record-Route (also ours, {@code r2}, the same session), to be removed too.
     */
    static boolean secondOfPair(SipURI popped, Request request, ContainerContext context) {
        if (popped.getParameter(R2_PARAMETER) == null) {
            return false;
        }
        RouteHeader next = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (next == null || !(next.getAddress().getURI() instanceof SipURI uri) || uri.getParameter(R2_PARAMETER) == null) {
            return false;
        }
        String session = popped.getParameter(SESSION_PARAMETER);
        return session != null && session.equals(uri.getParameter(SESSION_PARAMETER)) && isOwn(uri, context);
    }

    /** A loose-routing URI of this container on {@code lp}, for Path (RFC 3327 §4.3). */
    static SipURI path(ContainerContext context, ListeningPoint lp) {
        return own(context, lp);
    }

    private static SipURI own(ContainerContext context, ListeningPoint lp) {
        try {
            SipURI uri = context.addresses().createSipURI(null, lp.getIPAddress());
            uri.setPort(lp.getPort());
            uri.setLrParam();
            if (!"UDP".equalsIgnoreCase(lp.getTransport())) {
                uri.setTransportParam(lp.getTransport().toLowerCase(Locale.ROOT));
            }
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a URI for " + lp.getIPAddress(), e);
        }
    }

    /** The proxy session named by the request's top Route if that Route is one of our Record-Routes, else null. */
    static String sessionIdOf(Request request, ContainerContext context) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !(top.getAddress().getURI() instanceof SipURI uri)) {
            return null;
        }
        String encoded = uri.getParameter(SESSION_PARAMETER);
        if (encoded == null || !isOwn(uri, context)) {
            return null;
        }
        return decode(encoded);
    }

    /** Whether a Route's URI points at this container (RFC 3261 §16.4). */
    static boolean isOwn(SipURI uri, ContainerContext context) {
        int port = uri.getPort() > 0 ? uri.getPort() : uri.isSecure() ? 5061 : 5060;
        return context.isOwnAddress(uri.getHost(), port);
    }

    /** Percent-encodes all but alphanumerics and "-_." (RFC 3261 §25.1 paramchar). */
    static String encode(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }

    /** The inverse of {@link #encode}; null for text that is not well-formed. */
    static String decode(String encoded) {
        if (encoded.indexOf('+') >= 0) {
            return null; // never produced by encode; URLDecoder would read it as a space
        }
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
