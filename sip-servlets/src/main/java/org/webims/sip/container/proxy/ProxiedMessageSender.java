package org.webims.sip.container.proxy;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.Rel100Exception;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.message.MessageSender;

/**
 * The sender behind branch requests and the responses a proxy receives: the proxy sends and
 * forwards them, so user-agent actions on them are refused (JSR 289 §10.2).
 */
final class ProxiedMessageSender implements MessageSender {
    static final ProxiedMessageSender INSTANCE = new ProxiedMessageSender();

    private ProxiedMessageSender() {
    }

    @Override
    public void send(ContainerRequest request) {
        throw new IllegalStateException("a proxy branch request is sent by Proxy.proxyTo or Proxy.startProxy");
    }

    @Override
    public void send(ContainerResponse response) {
        throw new IllegalStateException("a response received by a proxy is forwarded by the proxy");
    }

    @Override
    public void sendReliably(ContainerResponse response) {
        throw new IllegalStateException("a response received by a proxy is forwarded by the proxy");
    }

    @Override
    public ContainerRequest createCancel(ContainerRequest invite) {
        throw new IllegalStateException("a proxy branch is cancelled with ProxyBranch.cancel");
    }

    @Override
    public ContainerRequest createAck(ContainerResponse response) {
        throw new IllegalStateException("the UAC acknowledges a proxied 2xx, not the proxy (RFC 3261 §16.7)");
    }

    @Override
    public ContainerRequest createPrack(ContainerResponse response) throws Rel100Exception {
        throw new IllegalStateException("the UAC sends PRACK for a proxied response, not the proxy");
    }

    @Override
    public B2buaHelper b2buaHelper(ContainerRequest request) {
        throw new IllegalStateException("a proxy branch request has no B2BUA helper");
    }

    @Override
    public Proxy proxy(ContainerRequest request, boolean create) {
        throw new IllegalStateException("a proxy branch request is not proxied again; use its ProxyBranch");
    }
}
