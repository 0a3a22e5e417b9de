package org.webims.testims.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server key store and a trust store holding its certificate, made by the JDK's {@code keytool}
 * as an operator would make them: an ECDSA P-256 key for localhost and 127.0.0.1, PKCS12 files.
 */
public final class TestCertificates {
    /** Not a secret: a test fixture's password. */
    public static final String PASSWORD = "test-store-pw";
    private static final String ALIAS = "gateway";

    private final Path keyStore;
    private final Path trustStore;

    private TestCertificates(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Makes {@code gateway.p12} (key and certificate) and {@code trust.p12} (certificate) in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path keyStore = dir.resolve("gateway.p12");
        Path certificate = dir.resolve("gateway.pem");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-file", certificate.toString(),
                "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new TestCertificates(keyStore, trustStore);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close(); // a prompt reads end of input instead of waiting
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** A client TLS context that trusts exactly this certificate and offers none of its own. */
    public SSLContext trustingContext() throws IOException, GeneralSecurityException {
        return clientContext(false);
    }

    /** As {@link #trustingContext()}, and offering this same certificate as the client's (mutual TLS). */
    public SSLContext trustingContextWithClientCertificate() throws IOException, GeneralSecurityException {
        return clientContext(true);
    }

    private SSLContext clientContext(boolean withCertificate) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore));
        KeyManager[] keys = null;
        if (withCertificate) {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(keyStore), PASSWORD.toCharArray());
            keys = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
