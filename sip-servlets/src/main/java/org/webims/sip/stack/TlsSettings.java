package org.webims.sip.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The key material and policy for the TLS and WSS listeners (RFC 3261 §26, RFC 7118 §5).
 * Files are PKCS12; a key's password must equal its store's, as JSSE's key manager expects.
 *
 * @param keyStore           the server's certificate chain and private key
 * @param keyStorePassword   its password; never logged
 * @param trustStore         certificates trusted for peers, or {@code null} for the JVM's defaults
 * @param trustStorePassword its password, or {@code null} for the key store's
 * @param clientAuth         whether peers are asked for a certificate
 * @param protocols          TLS versions offered, e.g. TLSv1.3, TLSv1.2
 */
public record TlsSettings(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
                          TlsClientAuth clientAuth, List<String> protocols) {
    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(clientAuth, "clientAuth");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol version is needed");
        }
    }

    /** Names the files and policy, never the passwords. */
    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore
                + ", clientAuth=" + clientAuth + ", protocols=" + protocols + "]";
    }
}
