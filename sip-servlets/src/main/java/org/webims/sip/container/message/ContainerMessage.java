package org.webims.sip.container.message;

import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipSession;
import javax.sip.Transaction;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.Parameters;
import javax.sip.message.Message;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.address.JainAddress;
import org.webims.sip.container.address.JainParameterable;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * What requests and responses share (JSR 289 §5): headers with the system-header rules, content,
 * attributes, the session, and the transport the message came or goes on. Backed by a JAIN-SIP message.
 */
public abstract class ContainerMessage implements SipServletMessage {
    protected final ContainerContext context;
    /** Replaced only when the container re-sends a request itself (RFC 4028 §7.4 retry after 422). */
    protected volatile Message message;
    protected volatile ContainerSipSession session;
    protected volatile Transaction transaction;
    protected volatile boolean committed;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private HeaderForm headerForm = HeaderForm.DEFAULT;
    /** Where an incoming message came from: local and remote socket and transport. */
    protected volatile Endpoints endpoints;

    /** The socket pair and transport of a received message (or of the one it answers). */
    public record Endpoints(String localAddr, int localPort, String remoteAddr, int remotePort, String transport) {
    }

    protected ContainerMessage(ContainerContext context, Message message, ContainerSipSession session) {
        this.context = context;
        this.message = message;
        this.session = session;
    }

    public Message jainMessage() {
        return message;
    }

    public ContainerSipSession containerSession() {
        return session;
    }

    public void setContainerSession(ContainerSipSession session) {
        this.session = session;
    }

    public Transaction transaction() {
        return transaction;
    }

    public void setTransaction(Transaction transaction) {
        this.transaction = transaction;
    }

    public void setEndpoints(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    public void markCommitted() {
        committed = true;
    }

    protected abstract int statusForHeaderRules();

    protected void checkNotCommitted() {
        if (committed) {
            throw new IllegalStateException("message already sent (committed)");
        }
    }

    private void checkModifiable(String name) {
        checkNotCommitted();
        if (SystemHeaders.isSystem(name, getMethod(), statusForHeaderRules())) {
            throw new IllegalArgumentException(name + " is a system header (JSR 289 §5.4.1)");
        }
    }

    // --- headers -------------------------------------------------------------------------------

    private static String valueOf(Header header) {
        if (header instanceof SIPHeader sip) {
            return sip.getHeaderValue().trim();
        }
        String text = header.toString();
        int colon = text.indexOf(':');
        return text.substring(colon + 1).trim();
    }

    private String canonical(String name) {
        return SystemHeaders.fullName(name);
    }

    @Override
    public String getHeader(String name) {
        Header h = message.getHeader(canonical(name));
        return h == null ? null : valueOf(h);
    }

    @Override
    public ListIterator<String> getHeaders(String name) {
        List<String> values = new ArrayList<>();
        for (Iterator<?> it = message.getHeaders(canonical(name)); it.hasNext(); ) {
            values.add(valueOf((Header) it.next()));
        }
        return Collections.unmodifiableList(values).listIterator();
    }

    @Override
    public Iterator<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<?> it = message.getHeaderNames(); it.hasNext(); ) {
            names.add((String) it.next());
        }
        return names.iterator();
    }

    private Header parseHeader(String name, String value) {
        try {
            return context.headers().createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad value for " + name + ": " + value + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The header fields a value stands for: one, or several where a list header's value has
     * commas ({@code Allow: INVITE, ACK}; RFC 3261 §7.3.1 makes it the same as several fields).
     */
    private List<Header> parseHeaders(String name, String value) {
        try {
            return List.of(context.headers().createHeader(name, value));
        } catch (ParseException single) {
            if (value.indexOf(',') >= 0 && context.headers() instanceof gov.nist.javax.sip.header.HeaderFactoryImpl nist) {
                try {
                    List<Header> headers = new ArrayList<>();
                    for (Object h : nist.createHeaders(name + ": " + value)) {
                        headers.add((Header) h);
                    }
                    return headers;
                } catch (ParseException | RuntimeException list) {
                    // fall through to the single-header error, which names the value
                }
            }
            throw new IllegalArgumentException("bad value for " + name + ": " + value + " (" + single.getMessage() + ")", single);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        checkModifiable(name);
        for (Header h : parseHeaders(name, value)) {
            message.addHeader(h);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        checkModifiable(name);
        message.removeHeader(canonical(name));
        for (Header h : parseHeaders(name, value)) {
            message.addHeader(h);
        }
    }

    @Override
    public void removeHeader(String name) {
        checkModifiable(name);
        message.removeHeader(canonical(name));
        message.removeHeader(name);
    }

    @Override
    public Address getAddressHeader(String name) throws ServletParseException {
        Header h = message.getHeader(canonical(name));
        if (h == null) {
            return null;
        }
        return addressOf(h, name);
    }

    private Address addressOf(Header h, String name) throws ServletParseException {
        JainAddress.Mutability mutability = SystemHeaders.isSystem(name, getMethod(), statusForHeaderRules()) || committed
                ? JainAddress.Mutability.READ_ONLY : JainAddress.Mutability.MUTABLE;
        if (h instanceof AddressParametersHeader aph) {
            return new JainAddress(aph, mutability);
        }
        return JainAddress.parse(valueOf(h));
    }

    @Override
    public ListIterator<Address> getAddressHeaders(String name) throws ServletParseException {
        List<Address> list = new ArrayList<>();
        for (Iterator<?> it = message.getHeaders(canonical(name)); it.hasNext(); ) {
            list.add(addressOf((Header) it.next(), name));
        }
        return list.listIterator();
    }

    @Override
    public void setAddressHeader(String name, Address address) {
        checkModifiable(name);
        message.removeHeader(canonical(name));
        message.setHeader(addressAsHeader(name, address));
    }

    @Override
    public void addAddressHeader(String name, Address address, boolean first) {
        checkModifiable(name);
        Header header = addressAsHeader(name, address);
        insert(header, first);
    }

    private void insert(Header header, boolean first) {
        try {
            if (first) {
                ((SIPMessage) message).addFirst(header);
            } else {
                message.addLast(header);
            }
        } catch (javax.sip.SipException e) {
            throw new IllegalArgumentException("cannot add " + header.getName() + ": " + e.getMessage(), e);
        }
    }

    private Header addressAsHeader(String name, Address address) {
        try {
            if (address instanceof JainAddress ja) {
                return ja.toHeader(name);
            }
            return JainAddress.parse(address.toString()).toHeader(name);
        } catch (ServletParseException e) {
            throw new IllegalArgumentException("not an address header value: " + address, e);
        }
    }

    @Override
    public Parameterable getParameterableHeader(String name) throws ServletParseException {
        Header h = message.getHeader(canonical(name));
        if (h == null) {
            return null;
        }
        return parameterableOf(h, name);
    }

    private Parameterable parameterableOf(Header h, String name) throws ServletParseException {
        boolean readOnly = committed || SystemHeaders.isSystem(name, getMethod(), statusForHeaderRules());
        if (h instanceof Parameters) {
            return new JainParameterable(h, readOnly);
        }
        return JainParameterable.parse(valueOf(h));
    }

    @Override
    public ListIterator<? extends Parameterable> getParameterableHeaders(String name) throws ServletParseException {
        List<Parameterable> list = new ArrayList<>();
        for (Iterator<?> it = message.getHeaders(canonical(name)); it.hasNext(); ) {
            list.add(parameterableOf((Header) it.next(), name));
        }
        return list.listIterator();
    }

    @Override
    public void setParameterableHeader(String name, Parameterable value) {
        setHeader(name, value.toString());
    }

    @Override
    public void addParameterableHeader(String name, Parameterable value, boolean first) {
        checkModifiable(name);
        Header header = parseHeader(name, value.toString());
        insert(header, first);
    }

    @Override
    public Address getFrom() {
        return new JainAddress((AddressParametersHeader) message.getHeader("From"), JainAddress.Mutability.SYSTEM_TAG_LOCKED);
    }

    @Override
    public Address getTo() {
        return new JainAddress((AddressParametersHeader) message.getHeader("To"), JainAddress.Mutability.SYSTEM_TAG_LOCKED);
    }

    @Override
    public String getCallId() {
        return getHeader("Call-ID");
    }

    @Override
    public int getExpires() {
        ExpiresHeader h = (ExpiresHeader) message.getHeader(ExpiresHeader.NAME);
        return h == null ? -1 : h.getExpires();
    }

    @Override
    public void setExpires(int seconds) {
        checkNotCommitted();
        try {
            message.setHeader(context.headers().createExpiresHeader(seconds));
        } catch (javax.sip.InvalidArgumentException e) {
            throw new IllegalArgumentException("bad Expires " + seconds, e);
        }
    }

    @Override public HeaderForm getHeaderForm() { return headerForm; }
    @Override public void setHeaderForm(HeaderForm form) { this.headerForm = form; }

    // --- content ---------------------------------------------------------------------------------

    @Override
    public Object getContent() throws UnsupportedEncodingException {
        byte[] raw = message.getRawContent();
        if (raw == null) {
            return null;
        }
        String type = getContentType();
        // JSR 289 §5.5: text types as a String; application/sdp too, which every SIP app reads as text
        if (type != null && (type.toLowerCase(Locale.ROOT).startsWith("text/")
                || type.toLowerCase(Locale.ROOT).startsWith("application/sdp"))) {
            return new String(raw, charset());
        }
        return raw;
    }

    private Charset charset() throws UnsupportedEncodingException {
        String name = getCharacterEncoding();
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEncodingException(name);
        }
    }

    @Override
    public byte[] getRawContent() {
        byte[] raw = message.getRawContent();
        return raw == null ? null : raw.clone();
    }

    @Override
    public void setContent(Object content, String contentType) throws UnsupportedEncodingException {
        checkNotCommitted();
        if (content == null) {
            message.removeContent();
            message.removeHeader(ContentTypeHeader.NAME);
            return;
        }
        String[] parts = contentType.split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("bad content type " + contentType);
        }
        try {
            ContentTypeHeader type = (ContentTypeHeader) context.headers().createHeader(ContentTypeHeader.NAME, contentType);
            byte[] bytes;
            if (content instanceof byte[] b) {
                bytes = b;
            } else if (content instanceof String s) {
                String cs = type.getParameter("charset");
                bytes = s.getBytes(cs == null ? StandardCharsets.UTF_8 : Charset.forName(cs));
            } else {
                throw new IllegalArgumentException("content must be a String or byte[], not " + content.getClass().getName());
            }
            message.setContent(bytes, type);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad content type " + contentType, e);
        }
    }

    @Override
    public int getContentLength() {
        ContentLengthHeader h = message.getContentLength();
        return h == null ? 0 : h.getContentLength();
    }

    @Override
    public void setContentLength(int length) {
        throw new IllegalStateException("Content-Length is computed by the container");
    }

    @Override
    public String getContentType() {
        ContentTypeHeader h = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return h == null ? null : valueOf(h);
    }

    @Override
    public void setContentType(String type) {
        checkNotCommitted();
        message.removeHeader(ContentTypeHeader.NAME);
        message.setHeader(parseHeader(ContentTypeHeader.NAME, type));
    }

    @Override
    public String getCharacterEncoding() {
        ContentTypeHeader h = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return h == null ? null : h.getParameter("charset");
    }

    @Override
    public void setCharacterEncoding(String encoding) throws UnsupportedEncodingException {
        if (!Charset.isSupported(encoding)) {
            throw new UnsupportedEncodingException(encoding);
        }
        ContentTypeHeader h = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (h != null) {
            try {
                h.setParameter("charset", encoding);
            } catch (ParseException e) {
                throw new UnsupportedEncodingException(encoding);
            }
        }
    }

    @Override public Locale getContentLanguage() { return localeOf(getHeader("Content-Language")); }
    @Override public void setContentLanguage(Locale locale) { setHeader("Content-Language", locale.toLanguageTag()); }
    @Override public Locale getAcceptLanguage() { return localeOf(getHeader("Accept-Language")); }

    @Override
    public Iterator<Locale> getAcceptLanguages() {
        List<Locale> list = new ArrayList<>();
        for (ListIterator<String> it = getHeaders("Accept-Language"); it.hasNext(); ) {
            for (String part : it.next().split(",")) {
                Locale l = localeOf(part);
                if (l != null) {
                    list.add(l);
                }
            }
        }
        return list.iterator();
    }

    @Override public void addAcceptLanguage(Locale locale) { addHeader("Accept-Language", locale.toLanguageTag()); }
    @Override public void setAcceptLanguage(Locale locale) { setHeader("Accept-Language", locale.toLanguageTag()); }

    private static Locale localeOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String tag = value.split(";", 2)[0].trim();
        return Locale.forLanguageTag(tag);
    }

    // --- attributes, session, transport ---------------------------------------------------------

    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(Set.copyOf(attributes.keySet())); }

    @Override
    public void setAttribute(String name, Object value) {
        if (name == null || value == null) {
            throw new NullPointerException("attribute name and value must not be null");
        }
        attributes.put(name, value);
    }

    @Override public void removeAttribute(String name) { attributes.remove(name); }

    @Override
    public SipApplicationSession getApplicationSession() {
        return getApplicationSession(true);
    }

    @Override
    public SipApplicationSession getApplicationSession(boolean create) {
        ContainerSipSession s = session;
        return s == null ? null : s.getApplicationSession();
    }

    @Override
    public SipSession getSession() {
        return getSession(true);
    }

    @Override
    public SipSession getSession(boolean create) {
        return session;
    }

    @Override public boolean isCommitted() { return committed; }
    @Override public String getProtocol() { return "SIP/2.0"; }
    @Override public String getRemoteUser() { return null; }
    @Override public Principal getUserPrincipal() { return null; }
    @Override public boolean isUserInRole(String role) { return false; }

    @Override public String getLocalAddr() { return endpoints == null ? null : endpoints.localAddr(); }
    @Override public int getLocalPort() { return endpoints == null ? -1 : endpoints.localPort(); }
    @Override public String getRemoteAddr() { return endpoints == null ? null : endpoints.remoteAddr(); }
    @Override public int getRemotePort() { return endpoints == null ? -1 : endpoints.remotePort(); }
    @Override public String getTransport() { return endpoints == null ? null : endpoints.transport(); }
    @Override public String getInitialRemoteAddr() { return getRemoteAddr(); }
    @Override public int getInitialRemotePort() { return getRemotePort(); }
    @Override public String getInitialTransport() { return getTransport(); }

    public boolean isSecure() {
        String t = getTransport();
        return t != null && (t.equalsIgnoreCase("TLS") || t.equalsIgnoreCase("WSS"));
    }

    @Override
    public String toString() {
        return message.toString();
    }
}
