package org.webims.testims.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.agent.WebSocketSipClient;
import org.webims.testims.net.FreePorts;

/** {@code tls.keystore = self-signed}: the loopback demo's WSS listener with a certificate made at start-up. */
class GatewaySelfSignedTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void selfSignedCertificateServesWssOnLoopbackOnceAccepted() throws Exception {
        int wssPort = FreePorts.tcpAndUdp();
        GatewaySettings settings = GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + FreePorts.tcpAndUdp(), "--sip.tcp.listen=off", "--sip.ws.listen=off",
                "--sip.wss.listen=127.0.0.1:" + wssPort, "--http.listen=off", "--kurento.listen=off", "--demo.ims=off", "--tls.keystore=self-signed")));
        AcceptSelfSigned accepting = new AcceptSelfSigned();
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {accepting}, null);

        try (Gateway gateway = Gateway.start(settings);
             WebSocketSipClient client = WebSocketSipClient.secure("127.0.0.1", wssPort, tls, TIMEOUT)) {
            assertEquals(200, client.send(client.newRequest(Request.OPTIONS, "127.0.0.1", wssPort), TIMEOUT)
                    .getStatusCode());
        }
        X509Certificate certificate = accepting.accepted.get();
        assertNotNull(certificate, "the server presented a certificate");
        ECPublicKey key = assertInstanceOf(ECPublicKey.class, certificate.getPublicKey(), "an ECDSA key");
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize(), "P-256");
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
    }

    /**
     * Stands in for a user accepting the demo's certificate in a browser: trusts a lone certificate
     * signed by its own key. The JDK still checks that it names the host (127.0.0.1).
     */
    private static final class AcceptSelfSigned implements X509TrustManager {
        final AtomicReference<X509Certificate> accepted = new AtomicReference<>();

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length != 1) {
                throw new CertificateException("expected one self-signed certificate, got " + chain.length);
            }
            try {
                chain[0].verify(chain[0].getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("not self-signed", e);
            }
            chain[0].checkValidity();
            accepted.set(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
