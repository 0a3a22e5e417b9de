package org.webims.sip.container.inbound;

import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.webims.sip.container.ContainerCapabilities;

/**
 * Judges a request the stack has parsed, before any application sees it (RFC 3261 §8.2.1-§8.2.2
 * for the container as an endpoint, §16.3 for the checks a proxy adds). What the stack could not
 * parse, or could not frame, has been answered before this (org.webims.sip.stack.inbound); what
 * stays is what takes a parsed message to see. An ACK is never answered (RFC 3261 §17.2.1): the
 * caller drops an ACK this rejects.
 */
public final class RequestValidator {
    /** RFC 3261 §19.1 (sip, sips) and RFC 3966 (tel), which an IMS AS receives (TS 24.229 §5.7). */
    private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");

    /**
     * Header fields the container or its applications act on: one that did not parse makes the
     * request bad. Others that do not parse (Date, User-Agent, ...) are left out, never passed on
     * (RFC 4475 §3.1.2.16: reject or be liberal, but never pass the defect on).
     */
    private static final Set<String> ACTED_ON = Set.of("contact", "route", "record-route", "max-forwards",
            "require", "proxy-require", "content-type", "content-encoding", "expires", "event", "refer-to",
            "rack", "rseq", "session-expires", "min-se", "supported", "allow");

    /** RFC 3261 §7.3.3 and the registered compact forms of the fields above. */
    private static final Map<String, String> COMPACT = Map.of("m", "contact", "c", "content-type",
            "e", "content-encoding", "o", "event", "r", "refer-to", "x", "session-expires", "k", "supported");

    private final ContainerCapabilities capabilities;

    public RequestValidator(ContainerCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** The transport {@code request} arrived on (UDP, TCP, WS, ...), as the stack recorded it. */
    public static String arrivalTransport(Request request) {
        if (request instanceof SIPRequest sip && sip.getMessageChannel() instanceof MessageChannel channel) {
            return channel.getTransport().toUpperCase(Locale.ROOT);
        }
        return "UDP";
    }

    /** The refusal the container, as an endpoint, owes {@code request}, if any. */
    public Optional<Rejection> validate(Request request, String transport) {
        Rejection r = syntax(request, transport);
        if (r == null) {
            r = requestUri(request);
        }
        if (r == null) {
            r = require(request);
        }
        return Optional.ofNullable(r);
    }

    /**
     * What a proxy checks besides (RFC 3261 §16.3): Max-Forwards 0 gets 483, a Proxy-Require tag
     * we do not support 420. For the applications that proxy; the container with no application
     * is an endpoint, which processes Max-Forwards 0 (RFC 4475 §3.3.11).
     */
    public Optional<Rejection> validateForProxying(Request request, String transport) {
        Optional<Rejection> endpoint = validate(request, transport);
        if (endpoint.isPresent()) {
            return endpoint;
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards != null && maxForwards.getMaxForwards() == 0) {
            return Optional.of(Rejection.of(483, "Too Many Hops - Max-Forwards is 0")); // §16.3 item 2
        }
        List<String> unsupported = unsupported(request.getHeaders(ProxyRequireHeader.NAME));
        if (!unsupported.isEmpty()) {
            return Optional.of(new Rejection(420, "Bad Extension - Proxy-Require names an unsupported option",
                    Map.of("Unsupported", unsupported)));
        }
        return Optional.empty();
    }

    private Rejection syntax(Request request, String transport) {
        if (!"SIP/2.0".equalsIgnoreCase(request.getSIPVersion())) {
            return Rejection.of(505, "Version Not Supported - only SIP/2.0"); // RFC 3261 §21.5.6
        }
        List<String> missing = new ArrayList<>(0);
        if (request.getHeader(ViaHeader.NAME) == null) {
            missing.add("Via");
        }
        if (request.getHeader(FromHeader.NAME) == null) {
            missing.add("From");
        }
        if (request.getHeader(ToHeader.NAME) == null) {
            missing.add("To");
        }
        if (request.getHeader(CallIdHeader.NAME) == null) {
            missing.add("Call-ID");
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (cseq == null) {
            missing.add("CSeq");
        }
        if (!missing.isEmpty()) {
            return Rejection.of(400, "Bad Request - missing " + String.join(", ", missing)); // RFC 3261 §8.1.1
        }
        if (!cseq.getMethod().equals(request.getMethod())) {
            return Rejection.of(400, "Bad Request - CSeq method does not match"); // RFC 3261 §8.1.1.5
        }
        String malformed = firstActedOnUnparsed(request);
        if (malformed != null) {
            return Rejection.of(400, "Bad Request - malformed " + malformed + " header");
        }
        Rejection body = body(request, transport);
        if (body != null) {
            return body;
        }
        return contacts(request);
    }

    /** RFC 3261 §18.3, §20.14, §20.15: the body is as long as Content-Length says and has a type. */
    private static Rejection body(Request request, String transport) {
        ContentLengthHeader length = request.getContentLength();
        byte[] body = request.getRawContent();
        int actual = body == null ? 0 : body.length;
        if (length == null) {
            if (!"UDP".equals(transport) && !transport.startsWith("WS")) {
                return Rejection.of(400, "Bad Request - no Content-Length on a stream transport");
            }
        } else if (length.getContentLength() != actual) {
            return Rejection.of(400, "Bad Request - Content-Length does not match the body");
        }
        if (actual > 0 && request.getHeader(ContentTypeHeader.NAME) == null) {
            return Rejection.of(400, "Bad Request - body without Content-Type");
        }
        return null;
    }

    /**
     * RFC 3261 §20.10: a Contact URI with headers or parameters must stand in angle brackets;
     * outside them its ?headers are not the URI's (RFC 4475 §3.1.2.10 regbadct).
     */
    private static Rejection contacts(Request request) {
        for (Iterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            Address address = ((ContactHeader) it.next()).getAddress();
            if (address == null) {
                continue; // Contact: *
            }
            if (address instanceof AddressImpl a && a.getAddressType() == AddressImpl.ADDRESS_SPEC
                    && address.getURI() instanceof SipURI uri && uri.getHeaderNames().hasNext()) {
                return Rejection.of(400, "Bad Request - Contact URI with headers outside <>");
            }
        }
        return null;
    }

    /** RFC 3261 §8.2.2.1: the Request-URI, never To, decides (RFC 4475 §3.3.2). */
    private static Rejection requestUri(Request request) {
        URI uri = request.getRequestURI();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return Rejection.of(416, "Unsupported URI Scheme - " + printable(scheme));
        }
        if (uri instanceof SipURI sip && sip.getHeaderNames().hasNext()) {
            return Rejection.of(400, "Bad Request - Request-URI with headers"); // RFC 3261 §19.1.5 table
        }
        return null;
    }

    /** RFC 3261 §8.2.2.3: Require tags we do not support get 420 with Unsupported; not for ACK or CANCEL. */
    private Rejection require(Request request) {
        if (Request.ACK.equals(request.getMethod()) || Request.CANCEL.equals(request.getMethod())) {
            return null;
        }
        List<String> unsupported = unsupported(request.getHeaders(RequireHeader.NAME));
        if (unsupported.isEmpty()) {
            return null;
        }
        return new Rejection(420, "Bad Extension - Require names an unsupported option",
                Map.of("Unsupported", unsupported));
    }

    private List<String> unsupported(Iterator<?> tags) {
        List<String> unsupported = new ArrayList<>(0);
        while (tags.hasNext()) {
            String tag = ((javax.sip.header.OptionTag) tags.next()).getOptionTag();
            if (!capabilities.supported().contains(tag) && !unsupported.contains(tag)) {
                unsupported.add(tag);
            }
        }
        return unsupported;
    }

    private static String firstActedOnUnparsed(Request request) {
        if (!(request instanceof SIPRequest sip)) {
            return null;
        }
        for (Iterator<String> it = sip.getUnrecognizedHeaders(); it.hasNext(); ) {
            String raw = it.next();
            int colon = raw.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = raw.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            name = COMPACT.getOrDefault(name, name);
            if (ACTED_ON.contains(name)) {
                return printable(raw.substring(0, colon).trim());
            }
        }
        return null;
    }

    private static String printable(String text) {
        StringBuilder s = new StringBuilder(Math.min(text.length(), 40));
        for (int i = 0; i < text.length() && s.length() < 40; i++) {
            char c = text.charAt(i);
            s.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return s.toString();
    }
}
