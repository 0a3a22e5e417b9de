package org.webims.sip.container.message;

import gov.nist.javax.sip.header.AddressParametersHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.text.ParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.RequestDispatcher;
import javax.servlet.ServletContext;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.sip.Address;
import javax.servlet.sip.AuthInfo;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.sip.InvalidArgumentException;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.address.JainAddress;
import org.webims.sip.container.auth.ChallengeAnswers;
import org.webims.sip.container.auth.ContainerAuthInfo;
import org.webims.sip.container.address.JainURIs;
import org.webims.sip.container.session.ContainerSipSession;

/** A SIP request as servlets see it (JSR 289 §5.6), received (UAS side) or created to send (UAC side). */
public final class ContainerRequest extends ContainerMessage implements SipServletRequest {
    /** Whether this container received the request (true) or an application created it (false). */
    private final boolean incoming;
    private final boolean initial;
    private volatile boolean finalResponseSent;
    private volatile Address poppedRoute;
    private volatile SipApplicationRoutingDirective directive = SipApplicationRoutingDirective.NEW;
    private volatile SipApplicationRoutingRegion region;
    private volatile URI subscriberURI;
    private volatile java.io.Serializable stateInfo;
    /** For an ACK or CANCEL: the request it belongs to; for a B2BUA leg: the request it was made from. */
    private volatile ContainerRequest related;
    private volatile MessageSender sender;
    /** B2BUA: the request on the other leg this one is linked to (JSR 289 §12.3). */
    private volatile ContainerRequest linked;
    /** Proxying started: the final response comes from the branches, never from the application (JSR 289 §10.2). */
    private volatile boolean proxied;
    /** The 64*T1 watch on this INVITE's latest reliable provisional response (RFC 3262 §3), until a final response. */
    private volatile Future<?> prackWatch;

    public ContainerRequest(ContainerContext context, Request request, ContainerSipSession session,
                            boolean incoming, boolean initial, MessageSender sender) {
        super(context, request, session);
        this.incoming = incoming;
        this.initial = initial;
        this.sender = sender;
    }

    public Request jainRequest() {
        return (Request) message;
    }

    public boolean incoming() {
        return incoming;
    }

    /**
     * The container re-sent this request as {@code retry} in {@code transaction} (a 422 retried
     * with a new CSeq and branch, RFC 4028 §7.4): the application keeps this one request object,
     * and what it sees from now on is the retry's.
     */
    public void resentAs(Request retry, javax.sip.ClientTransaction transaction) {
        this.message = retry;
        this.transaction = transaction;
    }

    public boolean finalResponseSent() {
        return finalResponseSent;
    }

    public void markFinalResponseSent() {
        finalResponseSent = true;
        if (incoming) {
            committed = true;
        }
        Future<?> watch = prackWatch;
        if (watch != null) {
            prackWatch = null;
            watch.cancel(false); // a final response ends the wait for PRACKs: the timer need not hold this request
        }
    }

    /**
     * {@code watch} waits for the PRACK of the reliable provisional response just sent; it replaces
     * (and cancels) the watch on an earlier one, and is cancelled with the final response.
     */
    public void watchPrack(Future<?> watch) {
        Future<?> earlier = prackWatch;
        prackWatch = watch;
        if (earlier != null) {
            earlier.cancel(false);
        }
        if (finalResponseSent) {
            prackWatch = null;
            watch.cancel(false);
        }
    }

    public boolean proxied() {
        return proxied;
    }

    public void markProxied() {
        proxied = true;
        committed = true;
    }

    public ContainerRequest related() {
        return related;
    }

    public void setRelated(ContainerRequest related) {
        this.related = related;
    }

    public ContainerRequest linkedRequest() {
        return linked;
    }

    public void linkTo(ContainerRequest other) {
        this.linked = other;
        other.linked = this;
    }

    public void setPoppedRoute(Address route) {
        this.poppedRoute = route;
    }

    public void setRouting(SipApplicationRoutingRegion region, URI subscriberURI, java.io.Serializable stateInfo) {
        this.region = region;
        this.subscriberURI = subscriberURI;
        this.stateInfo = stateInfo;
    }

    /** The application router's state when this request was routed (JSR 289 §15.4). */
    public java.io.Serializable stateInfo() {
        return stateInfo;
    }

    @Override
    protected int statusForHeaderRules() {
        return 0;
    }

    @Override
    public String getMethod() {
        return jainRequest().getMethod();
    }

    @Override
    public boolean isInitial() {
        return initial;
    }

    @Override
    public URI getRequestURI() {
        return JainURIs.wrap(jainRequest().getRequestURI());
    }

    @Override
    public void setRequestURI(URI uri) {
        checkNotCommitted();
        if (uri == null) {
            throw new NullPointerException("request URI");
        }
        jainRequest().setRequestURI(JainURIs.unwrap(uri));
    }

    @Override
    public int getMaxForwards() {
        MaxForwardsHeader h = (MaxForwardsHeader) message.getHeader(MaxForwardsHeader.NAME);
        return h == null ? -1 : h.getMaxForwards();
    }

    @Override
    public void setMaxForwards(int n) {
        checkNotCommitted();
        if (n < 0 || n > 255) {
            throw new IllegalArgumentException("Max-Forwards must be 0..255: " + n);
        }
        try {
            message.setHeader(context.headers().createMaxForwardsHeader(n));
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void pushRoute(SipURI uri) {
        pushRoute(JainAddress.of(uri, null));
    }

    @Override
    public void pushRoute(Address address) {
        checkNotCommitted();
        if (incoming && !initial) {
            throw new IllegalStateException("pushRoute on a subsequent received request");
        }
        try {
            RouteHeader route = (RouteHeader) JainAddress.parse(address.toString()).toHeader(RouteHeader.NAME);
            ((gov.nist.javax.sip.message.SIPMessage) message).addFirst(route);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad route " + address, e);
        }
    }

    @Override
    public void pushPath(Address address) {
        checkNotCommitted();
        if (!"REGISTER".equals(getMethod())) {
            throw new IllegalStateException("Path is for REGISTER only (RFC 3327)");
        }
        try {
            ((gov.nist.javax.sip.message.SIPMessage) message).addFirst(JainAddress.parse(address.toString()).toHeader("Path"));
        } catch (Exception e) {
            throw new IllegalArgumentException("bad path " + address, e);
        }
    }

    @Override public Address getPoppedRoute() { return poppedRoute; }
    @Override public Address getInitialPoppedRoute() { return poppedRoute; }
    @Override public SipApplicationRoutingRegion getRegion() { return region; }
    @Override public URI getSubscriberURI() { return subscriberURI; }

    @Override
    public SipApplicationRoutingDirective getRoutingDirective() {
        if (!initial) {
            throw new IllegalStateException("routing directives apply to initial requests only");
        }
        return directive;
    }

    @Override
    public void setRoutingDirective(SipApplicationRoutingDirective directive, SipServletRequest origRequest) {
        checkNotCommitted();
        if (!initial || incoming) {
            throw new IllegalStateException("routing directives are set on initial requests the application sends");
        }
        if (directive != SipApplicationRoutingDirective.NEW && origRequest == null) {
            throw new IllegalArgumentException(directive + " needs the original request");
        }
        this.directive = directive;
        if (origRequest instanceof ContainerRequest orig) {
            this.related = orig;
        }
    }

    // --- responses, CANCEL, send --------------------------------------------------------------

    @Override
    public SipServletResponse createResponse(int status) {
        return createResponse(status, null);
    }

    @Override
    public SipServletResponse createResponse(int status, String reason) {
        if (!incoming) {
            throw new IllegalStateException("responses are created for received requests");
        }
        if ("ACK".equals(getMethod())) {
            throw new IllegalStateException("an ACK gets no response");
        }
        if (finalResponseSent) {
            throw new IllegalStateException("a final response was already sent");
        }
        if (proxied && status >= 200) {
            throw new IllegalStateException("a proxied request gets its final response from its branches (JSR 289 §10.2)");
        }
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        return newResponse(session, status, reason);
    }

    /**
     * JSR 289 §12 createResponseToOriginalRequest: a further 1xx or 2xx to this initial request,
     * already answered or not, for {@code derived}, a session of its own dialog with its own To
     * tag (RFC 3261 §13.3.1.4: each 2xx makes a dialog). The sender gives it that dialog.
     */
    public ContainerResponse createFurtherResponse(ContainerSipSession derived, int status, String reason) {
        if (!incoming || !isInitial()) {
            throw new IllegalStateException("further responses are for received initial requests");
        }
        if (status <= 100 || status >= 300) {
            throw new IllegalStateException("a further response in a new dialog is 1xx (not 100) or 2xx, not " + status);
        }
        return newResponse(derived, status, reason);
    }

    private ContainerResponse newResponse(ContainerSipSession in, int status, String reason) {
        try {
            Response response = context.messages().createResponse(status, jainRequest());
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            ContainerResponse r = new ContainerResponse(context, response, in, this, sender);
            r.setEndpoints(endpoints);
            return r;
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot create response " + status, e);
        }
    }

    @Override
    public SipServletRequest createCancel() {
        if (incoming || !"INVITE".equals(getMethod())) {
            throw new IllegalStateException("CANCEL is created for INVITEs this application sent");
        }
        if (!committed) {
            throw new IllegalStateException("the INVITE has not been sent");
        }
        return sender.createCancel(this);
    }

    @Override
    public void send() throws IOException {
        checkNotCommitted();
        if (incoming) {
            throw new IllegalStateException("a received request cannot be sent; proxy it or create a new one");
        }
        sender.send(this);
    }

    @Override
    public B2buaHelper getB2buaHelper() {
        ContainerSipSession s = session;
        if (s != null && s.proxy() != null) {
            throw new IllegalStateException("the application proxies this request; it cannot also be a B2BUA (JSR 289 §12)");
        }
        return sender.b2buaHelper(this);
    }

    @Override
    public Proxy getProxy() throws TooManyHopsException {
        return getProxy(true);
    }

    @Override
    public Proxy getProxy(boolean create) throws TooManyHopsException {
        return sender.proxy(this, create);
    }

    /** Answers the 401/407's Digest challenges with the credentials given per realm (RFC 3261 §22.2-22.3). */
    @Override
    public void addAuthHeader(SipServletResponse challenge, AuthInfo authInfo) {
        if (!(authInfo instanceof ContainerAuthInfo info)) {
            throw new IllegalArgumentException("use an AuthInfo from SipFactory.createAuthInfo()");
        }
        answer(challenge, info::lookup);
    }

    /** Answers every Digest challenge of the 401/407 with these credentials, whatever its realm. */
    @Override
    public void addAuthHeader(SipServletResponse challenge, String username, String password) {
        ContainerAuthInfo.Credentials credentials = new ContainerAuthInfo.Credentials(username, password);
        answer(challenge, (status, realm) -> Optional.of(credentials));
    }

    private void answer(SipServletResponse challenge,
                        BiFunction<Integer, String, Optional<ContainerAuthInfo.Credentials>> credentials) {
        checkNotCommitted();
        if (incoming) {
            throw new IllegalStateException("credentials go in a request we send, not one received");
        }
        if (!(challenge instanceof ContainerResponse response)) {
            throw new IllegalArgumentException("not a response of this container");
        }
        ChallengeAnswers.add(jainRequest(), response.jainResponse(), context.headers(), credentials);
    }

    // --- javax.servlet.ServletRequest, mostly meaningless for SIP --------------------------------

    @Override public ServletInputStream getInputStream() { return null; }
    @Override public BufferedReader getReader() { return null; }
    @Override public long getContentLengthLong() { return getContentLength(); }
    @Override public String getParameter(String name) { return null; }
    @Override public Enumeration<String> getParameterNames() { return Collections.emptyEnumeration(); }
    @Override public String[] getParameterValues(String name) { return null; }
    @Override public Map<String, String[]> getParameterMap() { return Map.of(); }
    @Override public String getScheme() { return jainRequest().getRequestURI().getScheme(); }
    @Override public String getServerName() { return getLocalAddr(); }
    @Override public int getServerPort() { return getLocalPort(); }
    @Override public String getRemoteHost() { return getRemoteAddr(); }
    @Override public Locale getLocale() { Locale l = getAcceptLanguage(); return l == null ? Locale.getDefault() : l; }
    @Override public Enumeration<Locale> getLocales() { return Collections.enumeration(java.util.List.of(getLocale())); }
    @Override public RequestDispatcher getRequestDispatcher(String path) { return null; }
    @Override public String getRealPath(String path) { return null; }
    @Override public String getLocalName() { return getLocalAddr(); }
    @Override public ServletContext getServletContext() { return session == null ? null : session.getServletContext(); }
    @Override public AsyncContext startAsync() { throw new IllegalStateException("no async SIP requests"); }
    @Override public AsyncContext startAsync(ServletRequest req, ServletResponse res) { throw new IllegalStateException("no async SIP requests"); }
    @Override public boolean isAsyncStarted() { return false; }
    @Override public boolean isAsyncSupported() { return false; }
    @Override public AsyncContext getAsyncContext() { throw new IllegalStateException("no async SIP requests"); }
    @Override public DispatcherType getDispatcherType() { return DispatcherType.REQUEST; }

    /** The top Route as an address, or null. */
    public Address topRoute() {
        RouteHeader r = (RouteHeader) message.getHeader(RouteHeader.NAME);
        return r == null ? null : new JainAddress((AddressParametersHeader) r, JainAddress.Mutability.READ_ONLY);
    }
}
