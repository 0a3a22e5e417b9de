package org.webims.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.gateway.GatewayStartException;

/** The gateway module alone has no demo IMS network: starting one says what is missing and how to go on. */
class DemoImsLauncherTest {

    @Test
    void withoutTestImsOnTheClassPathStartFailsNamingTheModuleAndTheSetting() {
        GatewayStartException e = assertThrows(GatewayStartException.class, () -> DemoImsLauncher.start(
                new DemoImsProvider.Settings("webims.test", "127.0.0.1", 5070, "127.0.0.1", 5080, "sip:127.0.0.1:5060",
                        List.of())));
        assertTrue(e.getMessage().contains("test-ims") && e.getMessage().contains("demo.ims=off"), e.getMessage());
    }
}
