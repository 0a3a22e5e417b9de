package org.webims.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.gateway.tls.SelfSignedKeyStore;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.TlsClientAuth;
import org.webims.sip.stack.TlsSettings;

/**
 * Reads the {@code tls.*} keys. Key and trust stores are opened here, so a missing file or a
 * wrong password stops start-up as a configuration error naming the key, before any socket opens.
 */
final class TlsSettingsReader {
    private static final Logger LOG = LoggerFactory.getLogger(TlsSettingsReader.class);
    static final String SELF_SIGNED = "self-signed";
    /** RFC 8996 retires TLS 1.0 and 1.1. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsSettingsReader() {
    }

    /** The TLS settings for the TLS and WSS listeners in {@code listen}; {@code null} if there are none. */
    static TlsSettings read(ConfigValues values, List<ListenAddress> listen) throws ConfigException {
        return read(values, listen, false);
    }

    /** @param otherUser true when something besides SIP (the Kurento server's WSS) needs the key store */
    static TlsSettings read(ConfigValues values, List<ListenAddress> listen, boolean otherUser) throws ConfigException {
        // Checked even with TLS off, so a typo does not wait for the day TLS is turned on.
        TlsClientAuth clientAuth = clientAuth(values.get("tls.client-auth"));
        List<String> protocols = protocols(values.get("tls.protocols"));
        List<ListenAddress> secure = listen.stream().filter(a -> a.transport().isSecure()).toList();
        if (secure.isEmpty() && !otherUser) {
            return null;
        }
        if (clientAuth == TlsClientAuth.NEED && secure.stream().anyMatch(a -> a.transport() == SipTransport.WSS)) {
            // JAIN-SIP's WSS channel never requests a client certificate; refuse rather than not enforce.
            throw values.get("tls.client-auth").error(
                    "'need' cannot be enforced on sip.wss.listen (the WSS transport asks no client certificate);"
                            + " use none or want, or turn sip.wss.listen off");
        }

        ConfigValue keyStoreValue = values.get("tls.keystore");
        Path keyStore;
        String keyStorePassword;
        if (keyStoreValue.text().equalsIgnoreCase(SELF_SIGNED)) {
            SelfSignedKeyStore.Generated generated = selfSigned(keyStoreValue);
            keyStore = generated.file();
            keyStorePassword = generated.password();
            warnIfNotLoopback(secure);
        } else {
            keyStore = path(keyStoreValue);
            keyStorePassword = values.text("tls.keystore-password");
            KeyStore store = open(keyStoreValue, keyStore, values.get("tls.keystore-password"), keyStorePassword, null);
            requirePrivateKey(keyStoreValue, keyStore, store, values.get("tls.keystore-password"), keyStorePassword);
        }

        ConfigValue trustStoreValue = values.get("tls.truststore");
        Path trustStore = null;
        String trustStorePassword = null;
        if (!trustStoreValue.text().isEmpty()) {
            trustStore = path(trustStoreValue);
            ConfigValue passwordValue = values.get("tls.truststore-password");
            trustStorePassword = passwordValue.text().isEmpty() ? null : passwordValue.text();
            String effective = trustStorePassword != null ? trustStorePassword : keyStorePassword;
            KeyStore store = open(trustStoreValue, trustStore, passwordValue, effective,
                    trustStorePassword == null ? "it is empty, so the key store's password was tried" : null);
            if (sizeOf(store) == 0) {
                throw trustStoreValue.error("'" + trustStore + "' holds no certificates");
            }
        }
        return new TlsSettings(keyStore, keyStorePassword, trustStore, trustStorePassword, clientAuth, protocols);
    }

    private static TlsClientAuth clientAuth(ConfigValue value) throws ConfigException {
        TlsClientAuth auth = TlsClientAuth.parseOrNull(value.text());
        if (auth == null) {
            throw value.error("'" + value.text() + "' is not none, want or need");
        }
        return auth;
    }

    private static List<String> protocols(ConfigValue value) throws ConfigException {
        List<String> protocols = new ArrayList<>();
        for (String part : value.text().split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!PROTOCOLS.contains(name)) {
                throw value.error("'" + name + "' is not one of " + String.join(", ", PROTOCOLS)
                        + " (RFC 8996 retires TLS 1.0 and 1.1)");
            }
            if (!protocols.contains(name)) {
                protocols.add(name);
            }
        }
        if (protocols.isEmpty()) {
            throw value.error("names no TLS version; use " + String.join(",", PROTOCOLS));
        }
        return protocols;
    }

    private static SelfSignedKeyStore.Generated selfSigned(ConfigValue value) throws ConfigException {
        try {
            return SelfSignedKeyStore.create();
        } catch (GeneralSecurityException | IOException e) {
            throw value.error("cannot make a self-signed certificate: " + e.getMessage());
        }
    }

    private static void warnIfNotLoopback(List<ListenAddress> secure) {
        for (ListenAddress address : secure) {
            if (!isLoopback(address.host())) {
                LOG.atWarn().addKeyValue("listener", address)
                        .log("tls.keystore = self-signed on a non-loopback address: peers will not trust it");
            }
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Path path(ConfigValue value) throws ConfigException {
        try {
            Path path = Path.of(value.text());
            if (!Files.exists(path)) {
                throw value.error("'" + value.text() + "': no such file");
            }
            if (!Files.isRegularFile(path)) {
                throw value.error("'" + value.text() + "' is not a file");
            }
            if (!Files.isReadable(path)) {
                throw value.error("'" + value.text() + "' is not readable by this user");
            }
            return path;
        } catch (InvalidPathException e) {
            throw value.error("'" + value.text() + "' is not a file name: " + e.getReason());
        }
    }

    /** Loads a PKCS12 file; a wrong password is reported against {@code passwordValue}, never showing it. */
    private static KeyStore open(ConfigValue fileValue, Path file, ConfigValue passwordValue, String password,
                                 String passwordNote) throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw passwordValue.error("wrong password for '" + file + "'"
                        + (passwordNote == null ? "" : " (" + passwordNote + ")"));
            }
            throw fileValue.error("'" + file + "' is not a PKCS12 key store: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw fileValue.error("'" + file + "' cannot be read as PKCS12: " + e.getMessage());
        }
    }

    private static void requirePrivateKey(ConfigValue fileValue, Path file, KeyStore store,
                                          ConfigValue passwordValue, String password) throws ConfigException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    // JSSE's key manager unlocks keys with the store's password.
                    store.getKey(alias, password.toCharArray());
                    return;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw passwordValue.error("the private key in '" + file
                    + "' has a password other than the store's; TLS needs them equal");
        } catch (GeneralSecurityException e) {
            throw fileValue.error("'" + file + "' cannot be read: " + e.getMessage());
        }
        throw fileValue.error("'" + file + "' holds no private key (the server's key and certificate chain are needed)");
    }

    private static int sizeOf(KeyStore store) {
        try {
            return store.size();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key store loaded but not initialised", e);
        }
    }
}
