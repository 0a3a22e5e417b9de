package org.webims.sip.container;

import java.util.List;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackHost;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipStackStartException;

/** The SIP servlet container: a SIP stack and what answers on it. */
public final class SipContainer implements AutoCloseable {
    private final SipStackSettings settings;
    private final ContainerCapabilities capabilities;
    private final SipStackHost stackHost;

    public SipContainer(SipStackSettings settings) {
        this(settings, ContainerCapabilities.defaults());
    }

    public SipContainer(SipStackSettings settings, ContainerCapabilities capabilities) {
        this.settings = settings;
        this.capabilities = capabilities;
        this.stackHost = new SipStackHost(settings);
    }

    public void start() throws SipStackStartException {
        stackHost.start(host -> new StackEventListener(host.provider(), host.messageFactory(),
                host.headerFactory(), capabilities));
    }

    public List<ListenAddress> listenAddresses() {
        return settings.listenAddresses();
    }

    public ContainerCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void close() {
        stackHost.close();
    }
}
