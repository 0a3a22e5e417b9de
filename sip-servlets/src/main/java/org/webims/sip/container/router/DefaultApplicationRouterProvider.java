package org.webims.sip.container.router;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

/**
 * Makes the default application router loadable through {@link java.util.ServiceLoader}, as JSR 289
 * containers find their router (META-INF/services/javax.servlet.sip.ar.spi.SipApplicationRouterProvider).
 * One router per provider: the container initialises it once.
 */
public final class DefaultApplicationRouterProvider extends SipApplicationRouterProvider {
    private final DefaultApplicationRouter router = new DefaultApplicationRouter();

    @Override
    public SipApplicationRouter getSipApplicationRouter() {
        return router;
    }
}
