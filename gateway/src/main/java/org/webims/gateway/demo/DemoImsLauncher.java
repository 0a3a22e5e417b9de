package org.webims.gateway.demo;

import java.util.ServiceLoader;
import org.webims.gateway.GatewayStartException;

/** Finds the demo IMS network on the class path and starts it. */
public final class DemoImsLauncher {
    private DemoImsLauncher() {
    }

    public static DemoIms start(DemoImsProvider.Settings settings) throws GatewayStartException {
        DemoImsProvider provider = ServiceLoader.load(DemoImsProvider.class).findFirst()
                .orElseThrow(() -> new GatewayStartException("demo.ims is on but no demo IMS network is on the class path"
                        + " (module test-ims; bin/gateway adds it once built), or set demo.ims=off", null));
        try {
            return provider.start(settings);
        } catch (Exception e) {
            throw new GatewayStartException("cannot start the demo IMS network (S-CSCF " + settings.scscfHost() + ":"
                    + settings.scscfPort() + ", P-CSCF " + settings.pcscfHost() + ":" + settings.pcscfPort() + "): "
                    + e.getMessage(), e);
        }
    }
}
