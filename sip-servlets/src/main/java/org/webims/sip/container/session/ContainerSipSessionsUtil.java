package org.webims.sip.container.session;

import java.util.function.Supplier;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;
import org.webims.sip.container.deploy.DeployedApplication;

/** JSR 289 §6.1.3 SipSessionsUtil for one application: its sessions by id or key, never another's. */
public final class ContainerSipSessionsUtil implements SipSessionsUtil {
    private final SessionRegistry registry;
    private final Supplier<DeployedApplication> application;

    public ContainerSipSessionsUtil(SessionRegistry registry, Supplier<DeployedApplication> application) {
        this.registry = registry;
        this.application = application;
    }

    @Override
    public SipApplicationSession getApplicationSessionById(String id) {
        ContainerApplicationSession s = registry.applicationSession(id);
        return s != null && s.application() == application.get() && s.isValid() ? s : null;
    }

    @Override
    public SipApplicationSession getApplicationSessionByKey(String key, boolean create) {
        DeployedApplication app = application.get();
        if (create) {
            return registry.applicationSessionForKey(app, key);
        }
        return registry.existingForKey(app, key);
    }

    /** Join and Replaces (RFC 3911, RFC 3891) correlation is not implemented yet: always null. */
    @Override
    public SipSession getCorrespondingSipSession(SipSession session, String headerName) {
        return null;
    }
}
