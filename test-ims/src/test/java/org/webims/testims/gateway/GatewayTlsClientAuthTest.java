package org.webims.testims.gateway;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.agent.SipMessageFactories;
import org.webims.testims.net.FreePorts;
import org.webims.testims.tls.TestCertificates;

/**
 * {@code tls.client-auth = need} with a trust store (RFC 3261 §26.3.2.2 mutual TLS): a peer
 * without a certificate is refused, a peer whose certificate the trust store holds is served.
 */
class GatewayTlsClientAuthTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static Gateway gateway;
    private static int tlsPort;

    @BeforeAll
    static void startGateway() throws Exception {
        certificates = TestCertificates.create(dir);
        tlsPort = FreePorts.tcpAndUdp();
        gateway = Gateway.start(GatewaySettings.from(new GatewayConfigLoader(
                Map.of("WEBIMS_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD)).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + FreePorts.tcpAndUdp(), "--sip.tcp.listen=off", "--sip.ws.listen=off",
                "--sip.tls.listen=127.0.0.1:" + tlsPort, "--http.listen=off", "--kurento.listen=off", "--demo.ims=off",
                "--tls.keystore=" + certificates.keyStore(),
                // the test's one certificate serves as client certificate too; its store trusts it
                "--tls.truststore=" + certificates.trustStore(),
                "--tls.client-auth=need"))));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void peerWithTrustedCertificateIsServed() throws Exception {
        String response = options(certificates.trustingContextWithClientCertificate());
        assertTrue(response.startsWith("SIP/2.0 200 "), response);
    }

    @Test
    void peerWithoutCertificateIsRefused() throws Exception {
        // TLS 1.3 finishes the client's side of the handshake first; the refusal then arrives as an
        // alert or as the closed connection (broken pipe), whichever the client meets first: never a response.
        assertThrows(IOException.class, () -> options(certificates.trustingContext()));
        assertTrue(options(certificates.trustingContextWithClientCertificate()).startsWith("SIP/2.0 200 "), "still serving");
    }

    /** Sends one OPTIONS over a fresh TLS connection and returns the response's header section. */
    private static String options(SSLContext context) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", tlsPort), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.startHandshake();
            Request request = new SipMessageFactories().newRequest(Request.OPTIONS, "127.0.0.1", tlsPort, "TLS",
                    "127.0.0.1", socket.getLocalPort());
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readHeaderSection(socket.getInputStream());
        }
    }

    private static String readHeaderSection(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) { // RFC 3261 §7: the empty line ends the header section
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after: " + head.toString(StandardCharsets.UTF_8));
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.UTF_8);
    }
}
