package org.webims.gateway.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tls.keystore = self-signed}: an ECDSA P-256 key and a self-signed certificate for
 * localhost, 127.0.0.1 and ::1, made at start-up for the loopback demo. JAIN-SIP reads key
 * material only from a file, so the key store goes to an owner-only temporary file that is
 * deleted when the JVM exits.
 */
public final class SelfSignedKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedKeyStore.class);
    public static final String ALIAS = "webims-self-signed";
    private static final Duration VALIDITY = Duration.ofDays(365);
    // Allows for peers whose clocks run a little behind ours.
    private static final Duration BACKDATE = Duration.ofHours(1);

    /** A generated key store: its file, its random password and its certificate. */
    public record Generated(Path file, String password, X509Certificate certificate) {
        /** The certificate's SHA-256 fingerprint, as browsers show it (AB:CD:...). */
        public String sha256Fingerprint() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
                return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
        }

        @Override
        public String toString() {
            return "Generated[file=" + file + ", sha256=" + sha256Fingerprint() + "]";
        }
    }

    private SelfSignedKeyStore() {
    }

    public static Generated create() throws GeneralSecurityException, IOException {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = certificate(keys, random);

        byte[] secret = new byte[18];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});

        Path dir = Files.createTempDirectory("webims-tls-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("self-signed.p12");
        // Deleted in reverse order of registration: the file, then its directory.
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        Generated generated = new Generated(file, password, certificate);
        LOG.atInfo().addKeyValue("sha256", generated.sha256Fingerprint())
                .addKeyValue("notAfter", certificate.getNotAfter().toInstant())
                .log("tls using a self-signed certificate for localhost");
        return generated;
    }

    private static X509Certificate certificate(KeyPair keys, SecureRandom random)
            throws GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets, unpredictable.
        BigInteger serial = new BigInteger(127, random);
        try {
            var builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1"),
            }));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertIOException e) {
            throw new GeneralSecurityException("cannot build the self-signed certificate", e);
        }
    }
}
