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

    /**
     * The session of this application whose dialog the Join or Replaces header of {@code session}'s
     * initial request names (RFC 3911 §7.1, RFC 3891 §3: the to-tag is our local tag, the from-tag
     * the remote one), or null when there is no header or no such dialog (the application then
     * answers 481).
     */
    @Override
    public SipSession getCorrespondingSipSession(SipSession session, String headerName) {
        if (!"Join".equalsIgnoreCase(headerName) && !"Replaces".equalsIgnoreCase(headerName)) {
            throw new IllegalArgumentException("only Join and Replaces name a dialog, not " + headerName);
        }
        if (!(session instanceof ContainerSipSession s) || s.initialRequest() == null) {
            return null;
        }
        DialogReference target = DialogReference.parse(s.initialRequest().getHeader(headerName));
        if (target == null) {
            return null;
        }
        ContainerSipSession found = registry.dialogSession(application.get(), target.callId(), target.toTag(),
                target.fromTag());
        return found == s ? null : found;
    }
}
