package org.webims.webrtc.iceservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made at test time by Debian's {@code openssl}, as an operator
 * would make one: an ECDSA P-256 CA and a server certificate it signs for 127.0.0.1 (subjectAltName
 * IP, serverAuth), PEM files in a folder of the test's. {@link #trustIn} puts the CA, and only it, in
 * a browser's own NSS database with Debian's {@code certutil} (libnss3-tools).
 */
public final class TestCertificateAuthority {

    public static final Path OPENSSL = Path.of("/usr/bin/openssl");
    public static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    private static final String CA_NAME = "WebIMS test TURN CA";

    private final Path folder;

    public static boolean installed() {
        return Files.isExecutable(OPENSSL) && Files.isExecutable(CERTUTIL);
    }

    /** Makes {@code ca.pem}, {@code server.pem} and {@code server.key} in {@code folder}. */
    public TestCertificateAuthority(Path folder) throws IOException, InterruptedException {
        this.folder = folder;
        run(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "2", "-subj", "/CN=" + CA_NAME,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run(OPENSSL.toString(), "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", "/CN=127.0.0.1");
        // browsers match an IP address only against an iPAddress subjectAltName (RFC 6125 §6.2.1 leaves the CN out)
        Files.writeString(folder.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                + "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
        run(OPENSSL.toString(), "x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"),
                "-CAkey", file("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", file("server.ext"),
                "-out", file("server.pem"));
    }

    public Path certificate() {
        return folder.resolve("server.pem");
    }

    public Path key() {
        return folder.resolve("server.key");
    }

    public Path caCertificate() {
        return folder.resolve("ca.pem");
    }

    /**
     * Makes {@code home/.pki/nssdb}, where Chromium on Linux keeps its NSS certificate database, with
     * this CA trusted to identify servers ({@code -t C,,}) and nothing else.
     */
    public void trustIn(Path home) throws IOException, InterruptedException {
        Path db = Files.createDirectories(home.resolve(".pki").resolve("nssdb"));
        run(CERTUTIL.toString(), "-N", "-d", "sql:" + db, "--empty-password");
        run(CERTUTIL.toString(), "-A", "-d", "sql:" + db, "-n", CA_NAME, "-t", "C,,", "-i", file("ca.pem"));
    }

    private String file(String name) {
        return folder.resolve(name).toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        process.getOutputStream().close(); // a prompt reads end of input instead of waiting
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
