package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.gateway.tls.SelfSignedKeyStore;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.TlsClientAuth;
import org.webims.sip.stack.TlsSettings;

/** The tls.* keys and the TLS and WSS listeners: defaults, and errors that name the key. */
class TlsSettingsTest {
    private static final String PASSWORD = "store-pw-1";

    @TempDir
    static Path dir;
    /** A key store as an operator would give it: key and certificate, one password. */
    private static Path keyStore;
    /** A trust store: the certificate alone. */
    private static Path trustStore;

    @BeforeAll
    static void makeStores() throws Exception {
        SelfSignedKeyStore.Generated generated = SelfSignedKeyStore.create();
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(generated.file())) {
            source.load(in, generated.password().toCharArray());
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("gateway", source.getKey(SelfSignedKeyStore.ALIAS, generated.password().toCharArray()),
                PASSWORD.toCharArray(), source.getCertificateChain(SelfSignedKeyStore.ALIAS));
        keyStore = store(keys, "gateway.p12");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("gateway", generated.certificate());
        trustStore = store(trusted, "trust.p12");
    }

    private static Path store(KeyStore store, String name) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static GatewaySettings load(Map<String, String> env, String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(env).load(List.of(args)));
    }

    /** TLS on a loopback port with the test key store, plus {@code more} flags. */
    private static GatewaySettings withTls(String... more) throws ConfigException {
        List<String> args = new ArrayList<>(List.of("--sip.tls.listen=127.0.0.1:5061",
                "--tls.keystore=" + keyStore, "--tls.keystore-password=" + PASSWORD));
        args.addAll(Arrays.asList(more));
        return load(Map.of(), args.toArray(String[]::new));
    }

    @Test
    void tlsAndWssAreOffByDefault() throws Exception {
        GatewaySettings settings = load(Map.of());
        assertTrue(settings.sip().listenAddresses().stream().noneMatch(a -> a.transport().isSecure()));
        assertNull(settings.sip().tls());
    }

    @Test
    void keystoreIsNotOpenedWhileTlsAndWssAreOff() throws Exception {
        assertNull(load(Map.of(), "--tls.keystore=/nonexistent/gateway.p12").sip().tls());
    }

    @Test
    void tlsAndWssListenersCarryKeystoreAndDefaultPolicy() throws Exception {
        GatewaySettings settings = withTls("--sip.wss.listen=127.0.0.1:5063");
        assertTrue(settings.sip().listenAddresses().containsAll(List.of(
                new ListenAddress(SipTransport.TLS, "127.0.0.1", 5061),
                new ListenAddress(SipTransport.WSS, "127.0.0.1", 5063))));
        TlsSettings tls = settings.sip().tls();
        assertEquals(keyStore, tls.keyStore());
        assertEquals(PASSWORD, tls.keyStorePassword());
        assertNull(tls.trustStore(), "JVM defaults");
        assertEquals(TlsClientAuth.NONE, tls.clientAuth());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
    }

    @Test
    void keystorePasswordFromEnvironment() throws Exception {
        GatewaySettings settings = load(Map.of("WEBIMS_TLS_KEYSTORE_PASSWORD", PASSWORD),
                "--sip.wss.listen=127.0.0.1:5063", "--tls.keystore=" + keyStore);
        assertEquals(PASSWORD, settings.sip().tls().keyStorePassword());
    }

    @Test
    void settingsNeverShowThePassword() throws Exception {
        assertFalse(withTls().toString().contains(PASSWORD), withTls().toString());
    }

    @Test
    void selfSignedNeedsNoPassword() throws Exception {
        TlsSettings tls = load(Map.of(), "--sip.tls.listen=127.0.0.1:5061").sip().tls();
        assertTrue(Files.isReadable(tls.keyStore()), "generated key store " + tls.keyStore());
        assertFalse(tls.keyStorePassword().isEmpty());
    }

    @Test
    void missingKeystoreNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(),
                "--sip.tls.listen=127.0.0.1:5061", "--tls.keystore=/nonexistent/gateway.p12"));
        assertEquals("command line --tls.keystore: tls.keystore: '/nonexistent/gateway.p12': no such file", e.getMessage());
    }

    @Test
    void keystoreThatIsADirectoryIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(),
                "--sip.tls.listen=127.0.0.1:5061", "--tls.keystore=" + dir));
        assertEquals("command line --tls.keystore: tls.keystore: '" + dir + "' is not a file", e.getMessage());
    }

    @Test
    void wrongKeystorePasswordNamesThePasswordKeyNotThePassword() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                Map.of("WEBIMS_TLS_KEYSTORE_PASSWORD", "guess-123"),
                "--sip.tls.listen=127.0.0.1:5061", "--tls.keystore=" + keyStore));
        assertEquals("environment WEBIMS_TLS_KEYSTORE_PASSWORD: tls.keystore-password: wrong password for '"
                + keyStore + "'", e.getMessage());
    }

    @Test
    void fileThatIsNotPkcs12IsNamed() throws Exception {
        Path text = Files.writeString(dir.resolve("not-a-store.p12"), "hello\n");
        ConfigException e = assertThrows(ConfigException.class, () -> withTls("--tls.keystore=" + text));
        assertTrue(e.getMessage().startsWith("command line --tls.keystore: tls.keystore: '" + text
                + "' is not a PKCS12 key store"), e.getMessage());
    }

    @Test
    void keystoreWithoutPrivateKeyIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> withTls("--tls.keystore=" + trustStore));
        assertTrue(e.getMessage().startsWith("command line --tls.keystore: tls.keystore: '" + trustStore
                + "' holds no private key"), e.getMessage());
    }

    @Test
    void truststoreIsCarriedWithItsPassword() throws Exception {
        TlsSettings tls = withTls("--tls.truststore=" + trustStore, "--tls.truststore-password=" + PASSWORD).sip().tls();
        assertEquals(trustStore, tls.trustStore());
        assertEquals(PASSWORD, tls.trustStorePassword());
    }

    @Test
    void emptyTruststorePasswordMeansTheKeystores() throws Exception {
        TlsSettings tls = withTls("--tls.truststore=" + trustStore).sip().tls();
        assertNull(tls.trustStorePassword(), "the stack falls back to the key store's password");
    }

    @Test
    void emptyTruststorePasswordThatIsNotTheKeystoresNamesItsKey() {
        // self-signed: the key store's password is random, so the trust store needs its own
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(),
                "--sip.tls.listen=127.0.0.1:5061", "--tls.truststore=" + trustStore, "--tls.truststore-password="));
        assertEquals("command line --tls.truststore-password: tls.truststore-password: wrong password for '"
                + trustStore + "' (it is empty, so the key store's password was tried)", e.getMessage());
    }

    @Test
    void clientAuthIsNoneWantOrNeedEvenWhileTlsIsOff() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--tls.client-auth=maybe"));
        assertEquals("command line --tls.client-auth: tls.client-auth: 'maybe' is not none, want or need", e.getMessage());
    }

    @Test
    void needClientAuthOnTlsIsCarried() throws Exception {
        assertEquals(TlsClientAuth.NEED, withTls("--tls.client-auth=need").sip().tls().clientAuth());
    }

    @Test
    void needClientAuthWithWssIsRefusedRatherThanNotEnforced() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> withTls("--sip.wss.listen=127.0.0.1:5063", "--tls.client-auth=need"));
        assertTrue(e.getMessage().startsWith("command line --tls.client-auth: tls.client-auth: 'need' cannot be enforced"),
                e.getMessage());
    }

    @Test
    void tlsBeforeVersion12IsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--tls.protocols=TLSv1.2, TLSv1.1"));
        assertEquals("command line --tls.protocols: tls.protocols: 'TLSv1.1' is not one of TLSv1.3, TLSv1.2"
                + " (RFC 8996 retires TLS 1.0 and 1.1)", e.getMessage());
    }

    @Test
    void protocolsListIsTrimmed() throws Exception {
        assertEquals(List.of("TLSv1.2"), withTls("--tls.protocols= TLSv1.2 ,").sip().tls().protocols());
    }
}
