package org.webims.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelfSignedKeyStoreTest {

    @Test
    void makesAnEcdsaP256CertificateForLoopbackNames() throws Exception {
        SelfSignedKeyStore.Generated generated = SelfSignedKeyStore.create();
        X509Certificate certificate = generated.certificate();

        ECPublicKey key = assertInstanceOf(ECPublicKey.class, certificate.getPublicKey());
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize(), "P-256");
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        certificate.verify(certificate.getPublicKey()); // self-signed
        certificate.checkValidity();
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");

        Set<String> names = new HashSet<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            names.add(name.get(1).toString());
        }
        assertTrue(names.contains("localhost"), names.toString());
        assertTrue(names.contains("127.0.0.1"), names.toString());
        assertTrue(names.contains("0:0:0:0:0:0:0:1"), names.toString());
    }

    @Test
    void writesAnOwnerOnlyPkcs12HoldingKeyAndCertificate() throws Exception {
        SelfSignedKeyStore.Generated generated = SelfSignedKeyStore.create();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated.file().getParent())));

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(generated.file())) {
            store.load(in, generated.password().toCharArray());
        }
        assertInstanceOf(PrivateKey.class, store.getKey(SelfSignedKeyStore.ALIAS, generated.password().toCharArray()));
        assertEquals(generated.certificate(), store.getCertificate(SelfSignedKeyStore.ALIAS));
    }

    @Test
    void eachStartGetsItsOwnKeyAndPassword() throws Exception {
        SelfSignedKeyStore.Generated first = SelfSignedKeyStore.create();
        SelfSignedKeyStore.Generated second = SelfSignedKeyStore.create();
        assertNotEquals(first.certificate().getPublicKey(), second.certificate().getPublicKey());
        assertNotEquals(first.password(), second.password());
        assertNotEquals(first.file(), second.file());
    }

    @Test
    void describingItNeverShowsThePassword() throws Exception {
        SelfSignedKeyStore.Generated generated = SelfSignedKeyStore.create();
        assertFalse(generated.toString().contains(generated.password()), generated.toString());
    }
}
