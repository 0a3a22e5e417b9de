package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webims.media.kurento.KurentoServerSettings;

/** The Kurento server's settings: plain WS by default, WSS with the gateway's key store on request. */
class KurentoConfigTest {

    private static GatewaySettings load(String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(args)));
    }

    @Test
    void servesPlainWebSocketByDefault() throws Exception {
        KurentoServerSettings kurento = load("--demo.ims=off").kurento();
        assertFalse(kurento.tls());
        assertEquals(8888, kurento.port());
    }

    @Test
    void tlsOnServesWssWithTheGatewaysKeyStoreAndLeavesSipTlsOff() throws Exception {
        GatewaySettings settings = load("--demo.ims=off", "--kurento.tls=true");
        KurentoServerSettings kurento = settings.kurento();
        assertTrue(kurento.tls(), "wss:// with tls.keystore");
        assertTrue(Files.isRegularFile(kurento.keyStore()), "the self-signed key store was made: " + kurento.keyStore());
        assertNull(settings.sip().tls(), "no SIP TLS listener was asked for, so the SIP stack gets no TLS settings");
    }

    @Test
    void rejectsAValueThatIsNotABoolean() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("--demo.ims=off", "--kurento.tls=yes please"));
        assertTrue(e.getMessage().contains("kurento.tls"), e.getMessage());
    }
}
