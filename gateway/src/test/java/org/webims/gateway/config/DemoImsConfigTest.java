package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.settings.WebUser;

/** The demo.ims* keys, and what they change in the interworking settings by default. */
class DemoImsConfigTest {

    private static GatewaySettings load(String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(args)));
    }

    @Test
    void defaultsStartTheDemoNetworkAndRouteWebCallsToItsScscfWithTheDemoUser() throws Exception {
        GatewaySettings s = load();
        assertTrue(s.demoIms().enabled());
        assertEquals("127.0.0.1:5070", s.demoIms().scscf().toString());
        assertEquals("127.0.0.1:5080", s.demoIms().pcscf().toString());
        assertEquals(Optional.of("sip:127.0.0.1:5070;lr"), s.interworking().settings().imsNextHop());
        assertEquals(Map.of("demo", new WebUser("demo", "demo-secret", "sip:+15550100@webims.test")),
                s.interworking().settings().users());
    }

    @Test
    void anOperatorsNextHopAndUsersFileWinOverTheDemoOnes(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "bob bob-secret sip:+4930222@ims.example.net\n");
        GatewaySettings s = load("--interworking.ims-next-hop=sip:scscf.ims.example.net:5060",
                "--interworking.users=" + users);
        assertEquals(Optional.of("sip:scscf.ims.example.net:5060"), s.interworking().settings().imsNextHop());
        assertEquals(List.of("bob"), List.copyOf(s.interworking().settings().users().keySet()));
    }

    @Test
    void offLeavesNoNextHopAndNoUsers() throws Exception {
        GatewaySettings s = load("--demo.ims=off");
        assertFalse(s.demoIms().enabled());
        assertEquals(Optional.empty(), s.interworking().settings().imsNextHop());
        assertTrue(s.interworking().settings().users().isEmpty());
    }

    @Test
    void rejectsOneAddressForBothCscfsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("--demo.ims.scscf.listen=127.0.0.1:6000", "--demo.ims.pcscf.listen=127.0.0.1:6000"));
        assertTrue(e.getMessage().contains("demo.ims.pcscf.listen") && e.getMessage().contains("give each its own port"),
                e.getMessage());
    }

    @Test
    void rejectsOffForACscfWhileTheDemoIsOn() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("--demo.ims.scscf.listen=off"));
        assertTrue(e.getMessage().contains("demo.ims.scscf.listen") && e.getMessage().contains("needs host:port"),
                e.getMessage());
    }
}
