package org.webims.media.kurento.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/** Builds the server's TLS context from a PKCS12 key store (for WSS). */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SslContext fromPkcs12(Path keyStore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return SslContextBuilder.forServer(keys).build();
        } catch (GeneralSecurityException e) {
            throw new IOException(keyStore + ": cannot use as a PKCS12 key store: " + e.getMessage(), e);
        }
    }
}
