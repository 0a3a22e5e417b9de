package org.webims.interworking.ims;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.servlet.sip.SipServletRequest;
import javax.sip.header.Header;
import javax.sip.message.Request;

/**
 * A JAIN-SIP copy of a SIP servlet request's start line and headers (no body), for
 * ims-profiles' header rules, which work on JAIN-SIP messages; what the rules change is written
 * back to the servlet request through the JSR 289 API. The application so stays a standard
 * servlet application: it never reaches into the container's own message objects.
 */
final class ScratchRequest {
    private static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();
    /** JSR 289 §5.4.1: headers the container manages; the rules never change them on the servlet request. */
    private static final Set<String> SYSTEM = Set.of("from", "to", "call-id", "cseq", "via", "route", "record-route",
            "path", "contact", "max-forwards", "content-length", "content-type", "rack", "rseq");
    /** RFC 3323 §4.2: one Privacy header, its priv-values joined by ';' (JAIN-SIP splits them). */
    private static final String PRIVACY = "privacy";

    private final Request request;
    private final Map<String, List<String>> before;

    private ScratchRequest(Request request) {
        this.request = request;
        this.before = headersOf(request);
    }

    static ScratchRequest of(SipServletRequest servlet) throws ParseException {
        StringBuilder text = new StringBuilder(servlet.getMethod()).append(' ').append(servlet.getRequestURI())
                .append(" SIP/2.0\r\n");
        boolean via = false;
        Iterator<String> names = servlet.getHeaderNames();
        while (names.hasNext()) {
            String name = names.next();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("l")) {
                continue;
            }
            via |= lower.equals("via") || lower.equals("v");
            ListIterator<String> values = servlet.getHeaders(name);
            while (values.hasNext()) {
                text.append(name).append(": ").append(values.next()).append("\r\n");
            }
        }
        if (!via) {
            // an unsent request has no Via yet; the parser wants one, the rules never read it
            text.append("Via: SIP/2.0/UDP scratch.invalid;branch=z9hG4bKscratch\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        return new ScratchRequest(MESSAGES.createRequest(text.toString()));
    }

    Request jain() {
        return request;
    }

    /** Writes every non-system header the rules added, removed or changed back to {@code servlet}. */
    void writeBack(SipServletRequest servlet) {
        Map<String, List<String>> after = headersOf(request);
        Map<String, String> names = new LinkedHashMap<>();
        before.keySet().forEach(k -> names.put(k, k));
        after.keySet().forEach(k -> names.put(k, k));
        for (String name : names.keySet()) {
            List<String> now = after.getOrDefault(name, List.of());
            if (SYSTEM.contains(name) || now.equals(before.getOrDefault(name, List.of()))) {
                continue;
            }
            String shown = displayName(name);
            servlet.removeHeader(shown);
            if (name.equals(PRIVACY) && !now.isEmpty()) {
                servlet.addHeader(shown, String.join(";", now));
                continue;
            }
            now.forEach(v -> servlet.addHeader(shown, v));
        }
    }

    private String displayName(String lower) {
        ListIterator<?> headers = request.getHeaders(lower);
        if (headers.hasNext()) {
            return ((Header) headers.next()).getName();
        }
        return lower;
    }

    private static Map<String, List<String>> headersOf(Request r) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ListIterator<?> names = r.getHeaderNames();
        while (names.hasNext()) {
            String name = (String) names.next();
            List<String> values = new ArrayList<>();
            ListIterator<?> headers = r.getHeaders(name);
            while (headers.hasNext()) {
                values.add(((SIPHeader) headers.next()).getHeaderValue().strip());
            }
            out.put(name.toLowerCase(Locale.ROOT), values);
        }
        return out;
    }
}
