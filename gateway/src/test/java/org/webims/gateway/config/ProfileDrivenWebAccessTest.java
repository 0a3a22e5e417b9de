package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webims.ims.profile.WebAuthentication;

/**
 * A deployed carrier profile (interworking.carrier-profile) drives the web side: domain, S-CSCF,
 * web authentication, WebSocket origins; a gateway key that is set wins; with no profile named
 * the web side stays the gateway's.
 */
class ProfileDrivenWebAccessTest {
    private static final String STRICT = "--interworking.carrier-profile=../conf/profiles/volte-strict.xml";

    private static GatewaySettings load(String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(args)));
    }

    @Test
    void aDeployedProfileGivesDomainScscfDigestRealmAndOrigins() throws Exception {
        GatewaySettings s = load(STRICT, "--demo.ims=off");
        var profile = s.interworking().settings().carrierProfile();
        assertEquals(profile.domain(), s.interworking().settings().domain());
        assertEquals(Optional.of(profile.network().scscf()), s.interworking().settings().imsNextHop());
        assertEquals(profile.webAccess().authentication(), s.interworking().settings().webAuthentication());
        assertEquals(profile.webAccess().allowedOrigins(), s.sip().webSocketOrigins().allowed());
        assertFalse(s.sip().webSocketOrigins().admits("https://elsewhere.example.org"));
    }

    @Test
    void gatewayKeysThatAreSetWinOverTheDeployedProfile() throws Exception {
        GatewaySettings s = load(STRICT, "--demo.ims=off", "--interworking.domain=web.example.org",
                "--interworking.ims-next-hop=sip:127.0.0.1:5070", "--sip.ws.allowed-origins=https://phone.example.org");
        assertEquals("web.example.org", s.interworking().settings().domain());
        assertEquals(Optional.of("sip:127.0.0.1:5070"), s.interworking().settings().imsNextHop());
        assertEquals(List.of("https://phone.example.org"), s.sip().webSocketOrigins().allowed());
    }

    @Test
    void withNoProfileNamedTheWebSideIsTheGatewaysOwn() throws Exception {
        GatewaySettings s = load();
        assertEquals(InterworkingConfig.DEFAULT_DOMAIN, s.interworking().settings().domain());
        var digest = assertInstanceOf(WebAuthentication.Digest.class, s.interworking().settings().webAuthentication());
        assertEquals(InterworkingConfig.DEFAULT_DOMAIN, digest.realm());
        assertEquals(Duration.ofSeconds(InterworkingConfig.DEFAULT_NONCE_SECONDS), digest.nonceLifetime());
        assertTrue(s.sip().webSocketOrigins().allowed().isEmpty(), "any origin");
    }
}
