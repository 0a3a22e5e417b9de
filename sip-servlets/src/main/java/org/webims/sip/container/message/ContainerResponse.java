package org.webims.sip.container.message;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.servlet.ServletOutputStream;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.sip.header.CSeqHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.session.ContainerSipSession;

/** A SIP response as servlets see it (JSR 289 §5.7): one the application sends, or one it receives. */
public final class ContainerResponse extends ContainerMessage implements SipServletResponse {
    private final ContainerRequest request;
    private final MessageSender sender;
    private final boolean incoming;
    /** For a response a proxy received on a branch (JSR 289 §10.2.4): its proxy and branch. */
    private volatile Proxy proxy;
    private volatile ProxyBranch proxyBranch;
    private volatile boolean branchResponse;

    /** A response this container will send, to {@code request} which it received. */
    ContainerResponse(ContainerContext context, Response response, ContainerSipSession session,
                      ContainerRequest request, MessageSender sender) {
        super(context, response, session);
        this.request = request;
        this.sender = sender;
        this.incoming = false;
    }

    /** A response received for {@code request}, which an application sent. */
    public ContainerResponse(ContainerContext context, Response response, ContainerSipSession session,
                             ContainerRequest request, MessageSender sender, Endpoints endpoints) {
        super(context, response, session);
        this.request = request;
        this.sender = sender;
        this.incoming = true;
        this.committed = true;
        setEndpoints(endpoints);
    }

    public Response jainResponse() {
        return (Response) message;
    }

    public boolean incoming() {
        return incoming;
    }

    public ContainerRequest containerRequest() {
        return request;
    }

    /**
     * Marks a received response as one a proxy handles: {@code branchResponse} makes SipServlet
     * call doBranchResponse; the servlet may change it until the proxy forwards it (JSR 289 §10.2.4).
     */
    public void setProxied(Proxy proxy, ProxyBranch branch, boolean branchResponse) {
        this.proxy = proxy;
        this.proxyBranch = branch;
        this.branchResponse = branchResponse;
        this.committed = false;
    }

    @Override
    protected int statusForHeaderRules() {
        return getStatus();
    }

    @Override
    public String getMethod() {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getMethod();
    }

    @Override public SipServletRequest getRequest() { return request; }
    @Override public int getStatus() { return jainResponse().getStatusCode(); }
    @Override public String getReasonPhrase() { return jainResponse().getReasonPhrase(); }

    @Override
    public void setStatus(int status) {
        setStatus(status, null);
    }

    @Override
    public void setStatus(int status, String reason) {
        checkNotCommitted();
        try {
            jainResponse().setStatusCode(status);
            if (reason != null) {
                jainResponse().setReasonPhrase(reason);
            }
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("bad status " + status, e);
        }
    }

    @Override
    public void send() throws java.io.IOException {
        checkNotCommitted();
        if (incoming) {
            throw new IllegalStateException("a received response cannot be sent");
        }
        sender.send(this);
    }

    /** RFC 3262: a reliable provisional response, acknowledged by PRACK. */
    @Override
    public void sendReliably() throws Rel100Exception {
        checkNotCommitted();
        if (incoming) {
            throw new IllegalStateException("a received response cannot be sent");
        }
        int status = getStatus();
        if (status <= 100 || status >= 200) {
            throw new Rel100Exception(Rel100Exception.NOT_1XX);
        }
        if (!"INVITE".equals(getMethod())) {
            throw new Rel100Exception(Rel100Exception.NOT_INVITE);
        }
        sender.sendReliably(this);
    }

    @Override
    public SipServletRequest createAck() {
        if (!incoming || !"INVITE".equals(getMethod()) || getStatus() < 200 || getStatus() >= 300) {
            throw new IllegalStateException("ACK is created from a received 2xx to INVITE");
        }
        return sender.createAck(this);
    }

    @Override
    public SipServletRequest createPrack() throws Rel100Exception {
        if (!incoming || getStatus() <= 100 || getStatus() >= 200) {
            throw new Rel100Exception(Rel100Exception.NOT_1XX);
        }
        return sender.createPrack(this);
    }

    @Override
    public Iterator<String> getChallengeRealms() {
        List<String> realms = new ArrayList<>();
        for (Iterator<?> it = message.getHeaders(WWWAuthenticateHeader.NAME); it.hasNext(); ) {
            realms.add(((WWWAuthenticateHeader) it.next()).getRealm());
        }
        for (Iterator<?> it = message.getHeaders("Proxy-Authenticate"); it.hasNext(); ) {
            realms.add(((javax.sip.header.ProxyAuthenticateHeader) it.next()).getRealm());
        }
        return realms.iterator();
    }

    @Override public Proxy getProxy() { return proxy; }
    @Override public ProxyBranch getProxyBranch() { return proxyBranch; }
    @Override public boolean isBranchResponse() { return branchResponse; }

    /** ServletResponse's form, which may not throw: an unknown charset is an IllegalArgumentException. */
    @Override
    public void setCharacterEncoding(String encoding) {
        try {
            super.setCharacterEncoding(encoding);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalArgumentException("unsupported charset " + encoding, e);
        }
    }

    // --- javax.servlet.ServletResponse, meaningless for SIP ---------------------------------------
    @Override public ServletOutputStream getOutputStream() { return null; }
    @Override public PrintWriter getWriter() { return null; }
    @Override public void setContentLengthLong(long length) { setContentLength((int) length); }
    @Override public void setBufferSize(int size) { }
    @Override public int getBufferSize() { return 0; }
    @Override public void flushBuffer() { }
    @Override public void resetBuffer() { }
    @Override public void reset() { }
    @Override public void setLocale(Locale locale) { setContentLanguage(locale); }
    @Override public Locale getLocale() { return getContentLanguage(); }
}
