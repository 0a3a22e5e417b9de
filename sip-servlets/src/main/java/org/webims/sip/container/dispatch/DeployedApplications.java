package org.webims.sip.container.dispatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.ar.SipApplicationRouter;
import org.webims.sip.container.deploy.DeployedApplication;

/**
 * The applications running in the container, by name, and the application router that chooses
 * among them (JSR 289 §15). With no router configured and one application deployed, that
 * application receives every initial request.
 */
public final class DeployedApplications {
    private final Map<String, DeployedApplication> byName = new ConcurrentHashMap<>();
    private volatile SipApplicationRouter router;

    public void setRouter(SipApplicationRouter router) {
        this.router = router;
        router.applicationDeployed(List.copyOf(byName.keySet()));
    }

    public SipApplicationRouter router() {
        return router;
    }

    public void add(DeployedApplication application) {
        if (byName.putIfAbsent(application.name(), application) != null) {
            throw new IllegalStateException("an application named '" + application.name() + "' is already deployed");
        }
        SipApplicationRouter r = router;
        if (r != null) {
            r.applicationDeployed(List.of(application.name()));
        }
    }

    public DeployedApplication remove(String name) {
        DeployedApplication app = byName.remove(name);
        SipApplicationRouter r = router;
        if (app != null && r != null) {
            r.applicationUndeployed(List.of(name));
        }
        return app;
    }

    public DeployedApplication get(String name) {
        return byName.get(name);
    }

    public List<DeployedApplication> all() {
        return List.copyOf(byName.values());
    }
}
