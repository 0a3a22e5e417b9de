package org.webims.sip.stack;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link TlsSettings} as the JAIN-SIP stack properties its TLS and WSS processors read
 * (gov.nist.javax.sip.SipStackImpl, DefaultSecurityManagerProvider, Nio*Tls*MessageChannel).
 * One mapping for the container and the test agents.
 */
public final class TlsStackProperties {
    private static final Logger LOG = LoggerFactory.getLogger(TlsStackProperties.class);
    private static final String KEY_STORE_TYPE = "PKCS12";
    private static final List<String> JSSE_PROPERTIES = List.of("javax.net.ssl.keyStore",
            "javax.net.ssl.keyStorePassword", "javax.net.ssl.keyStoreType", "javax.net.ssl.trustStore",
            "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType");

    private TlsStackProperties() {
    }

    public static void addTo(Properties p, TlsSettings tls) {
        warnAboutJvmOverrides();
        p.setProperty("javax.net.ssl.keyStore", tls.keyStore().toAbsolutePath().toString());
        p.setProperty("javax.net.ssl.keyStorePassword", tls.keyStorePassword());
        p.setProperty("javax.net.ssl.keyStoreType", KEY_STORE_TYPE);
        if (tls.trustStore() != null) {
            p.setProperty("javax.net.ssl.trustStore", tls.trustStore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.trustStoreType", KEY_STORE_TYPE);
            if (tls.trustStorePassword() != null) {
                p.setProperty("javax.net.ssl.trustStorePassword", tls.trustStorePassword());
            }
        }
        // The stack's default is Enabled, i.e. a client certificate required.
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", tls.clientAuth().jainSipName());
        // Comma without spaces: the WSS channel splits on "," alone.
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", tls.protocols()));
        // The stack's own default list is RSA/3DES/anonymous suites of 2010, none of them TLS 1.3 or
        // ECDSA; the JDK's defaults follow jdk.tls.disabledAlgorithms (RFC 9325 §4.2).
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", jdkDefaultCipherSuites()));
    }

    /** JAIN-SIP reads stack properties through MergedSystemProperties: a JVM -D setting wins. */
    private static void warnAboutJvmOverrides() {
        for (String name : JSSE_PROPERTIES) {
            if (System.getProperty(name) != null) {
                LOG.atWarn().addKeyValue("property", name)
                        .log("set for the JVM, so the SIP stack uses it instead of the configured TLS setting");
            }
        }
    }

    private static String[] jdkDefaultCipherSuites() {
        try {
            return SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
