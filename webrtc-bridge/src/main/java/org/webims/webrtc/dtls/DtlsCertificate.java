package org.webims.webrtc.dtls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Our DTLS identity: an ECDSA P-256 key and a self-signed certificate (RFC 8827 §6.5: WebRTC
 * endpoints use self-signed certificates, authenticated by the SDP fingerprint). One per
 * process is enough; browsers make one per peer connection, which we need not copy.
 */
public final class DtlsCertificate {

    private final PrivateKey privateKey;
    private final byte[] der;
    private final String sha256Fingerprint;

    private DtlsCertificate(PrivateKey privateKey, byte[] der) {
        this.privateKey = privateKey;
        this.der = der;
        this.sha256Fingerprint = fingerprintOf(der);
    }

    /** Makes a fresh key pair and a certificate valid for {@code validity} from now. */
    public static DtlsCertificate generate(Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=WebIMS");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(validity)), name, pair.getPublic());
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate())).getEncoded();
            return new DtlsCertificate(pair.getPrivate(), der);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the DTLS certificate", e);
        }
    }

    /** The SDP {@code a=fingerprint} value: hash name, space, upper-case hex pairs with colons. */
    public String fingerprint() {
        return "sha-256 " + sha256Fingerprint;
    }

    PrivateKey privateKey() { return privateKey; }

    byte[] der() { return der.clone(); }

    /** SHA-256 of a DER certificate, as RFC 8122 §5 writes it. */
    static String fingerprintOf(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * Whether {@code der} matches an SDP fingerprint value ({@code "sha-256 AB:CD:..."}).
     * Only SHA-256 is accepted: RFC 8122 §5 lets us refuse weaker hashes, and browsers send it.
     */
    static boolean matches(String sdpFingerprint, byte[] der) {
        if (sdpFingerprint == null) {
            return false;
        }
        String[] parts = sdpFingerprint.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("sha-256")) {
            return false;
        }
        return MessageDigest.isEqual(parts[1].toUpperCase(Locale.ROOT).getBytes(),
                fingerprintOf(der).getBytes());
    }
}
