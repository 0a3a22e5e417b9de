package org.webims.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {
    private static final TlsSettings TLS = new TlsSettings(Path.of("/etc/webims/gateway.p12"), "s3cret-pw",
            null, null, TlsClientAuth.NONE, List.of("TLSv1.3", "TLSv1.2"));

    @Test
    void tlsOrWssListenerWithoutKeyMaterialIsRefused() {
        for (SipTransport secure : List.of(SipTransport.TLS, SipTransport.WSS)) {
            assertThrows(IllegalArgumentException.class, () -> new SipStackSettings("t",
                    List.of(new ListenAddress(secure, "127.0.0.1", 5061)), 65536));
        }
        new SipStackSettings("t", List.of(new ListenAddress(SipTransport.TLS, "127.0.0.1", 5061)), 65536, TLS);
    }

    @Test
    void describingSettingsNeverShowsThePassword() {
        SipStackSettings settings = new SipStackSettings("t",
                List.of(new ListenAddress(SipTransport.WSS, "127.0.0.1", 5063)), 65536, TLS);
        assertFalse(settings.toString().contains("s3cret-pw"), settings.toString());
        assertTrue(settings.toString().contains("gateway.p12"), settings.toString());
    }

    @Test
    void clientAuthNoneIsTheStacksDisabledNotItsDefaultOfRequired() {
        Properties p = new Properties();
        TlsStackProperties.addTo(p, TLS);
        assertEquals("Disabled", p.getProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE"));
        assertEquals("TLSv1.3,TLSv1.2", p.getProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS"));
        assertNull(p.getProperty("javax.net.ssl.trustStore"), "no trust store: the JVM's CA certificates");
    }

    @Test
    void cipherSuitesAreTheJdksDefaultsIncludingTls13() {
        Properties p = new Properties();
        TlsStackProperties.addTo(p, TLS);
        List<String> suites = List.of(p.getProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES").split(","));
        assertTrue(suites.contains("TLS_AES_128_GCM_SHA256"), "TLS 1.3 suite: " + suites);
        assertTrue(suites.contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), "ECDSA suite: " + suites);
        assertTrue(suites.stream().noneMatch(s -> s.contains("_anon_") || s.contains("3DES")), "no weak suites: " + suites);
    }

    @Test
    void clientAuthWordsParse() {
        assertEquals(TlsClientAuth.NEED, TlsClientAuth.parseOrNull(" Need "));
        assertEquals(TlsClientAuth.WANT, TlsClientAuth.parseOrNull("want"));
        assertEquals(TlsClientAuth.NONE, TlsClientAuth.parseOrNull("NONE"));
        assertNull(TlsClientAuth.parseOrNull("required"));
    }
}
