package org.webims.sip.container.factory;

import java.util.function.Supplier;
import javax.servlet.sip.Address;
import javax.servlet.sip.AuthInfo;
import org.webims.sip.container.auth.ContainerAuthInfo;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.address.JainAddress;
import org.webims.sip.container.address.JainParameterable;
import org.webims.sip.container.address.JainURIs;
import org.webims.sip.container.deploy.DeployedApplication;
import org.webims.sip.container.dispatch.ServletInvoker;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.RequestFactory;
import org.webims.sip.container.session.ContainerApplicationSession;
import org.webims.sip.container.session.ContainerSipSession;

/** One application's SipFactory (JSR 289 §4.1.1): addresses, URIs, application sessions and UAC requests. */
public final class ContainerSipFactory implements SipFactory {
    private final ContainerContext context;
    private final RequestFactory requests;
    private final Supplier<DeployedApplication> application;

    public ContainerSipFactory(ContainerContext context, RequestFactory requests, Supplier<DeployedApplication> application) {
        this.context = context;
        this.requests = requests;
        this.application = application;
    }

    @Override public URI createURI(String uri) throws ServletParseException { return JainURIs.parse(uri); }
    @Override public SipURI createSipURI(String user, String host) { return JainURIs.sipURI(user, host); }
    @Override public Address createAddress(String address) throws ServletParseException { return JainAddress.parse(address); }
    @Override public Address createAddress(URI uri) { return JainAddress.of(uri, null); }
    @Override public Address createAddress(URI uri, String displayName) { return JainAddress.of(uri, displayName); }
    @Override public Parameterable createParameterable(String s) throws ServletParseException { return JainParameterable.parse(s); }

    @Override
    public SipApplicationSession createApplicationSession() {
        return context.sessions().createApplicationSession(app());
    }

    @Override
    public SipApplicationSession createApplicationSessionByKey(String key) {
        return context.sessions().applicationSessionForKey(app(), key);
    }

    @Override
    public AuthInfo createAuthInfo() {
        return new ContainerAuthInfo();
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession appSession, String method, Address from, Address to) {
        return requests.createInitial(containerSession(appSession), method, from, to, currentHandler());
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession appSession, String method, URI from, URI to) {
        return createRequest(appSession, method, JainAddress.of(from, null), JainAddress.of(to, null));
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession appSession, String method, String from, String to)
            throws ServletParseException {
        return createRequest(appSession, method, JainAddress.parse(from), JainAddress.parse(to));
    }

    @Override
    public SipServletRequest createRequest(SipServletRequest origRequest, boolean sameCallId) {
        ContainerRequest original = (ContainerRequest) origRequest;
        ContainerApplicationSession appSession = original.containerSession().containerApplicationSession();
        return requests.createFrom(appSession, original, sameCallId, original.containerSession().handler());
    }

    private DeployedApplication app() {
        DeployedApplication app = application.get();
        if (app == null) {
            throw new IllegalStateException("the application is not deployed");
        }
        return app;
    }

    private static ContainerApplicationSession containerSession(SipApplicationSession s) {
        if (!(s instanceof ContainerApplicationSession c) || !c.isValid()) {
            throw new IllegalArgumentException("not a valid application session of this container");
        }
        return c;
    }

    /** The servlet that creates a session handles its responses (JSR 289 §6.2.4.1 default handler). */
    private String currentHandler() {
        ContainerSipSession current = ServletInvoker.current();
        if (current != null) {
            return current.handler();
        }
        DeployedApplication app = app();
        return app.descriptor().mainServlet().orElse(app.descriptor().servlets().get(0).name());
    }
}
