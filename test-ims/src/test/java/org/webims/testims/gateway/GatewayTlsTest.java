package org.webims.testims.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.agent.SipTestAgent;
import org.webims.testims.agent.WebSocketSipClient;
import org.webims.testims.net.FreePorts;
import org.webims.testims.process.GatewayProcess;
import org.webims.testims.tls.TestCertificates;

/**
 * The gateway with SIP over TLS (RFC 3261 §26) and secure WebSocket (RFC 7118 §5), started in
 * this JVM on free loopback ports with a key store made by keytool, answers real TLS peers.
 */
class GatewayTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static Gateway gateway;
    private static int tlsPort;
    private static int wssPort;

    @BeforeAll
    static void startGateway() throws Exception {
        certificates = TestCertificates.create(dir);
        int udpPort = FreePorts.tcpAndUdp();
        tlsPort = FreePorts.tcpAndUdp();
        wssPort = FreePorts.tcpAndUdp();
        GatewaySettings settings = GatewaySettings.from(new GatewayConfigLoader(
                Map.of("WEBIMS_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD)).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + udpPort,
                "--sip.tcp.listen=off",
                "--sip.ws.listen=off",
                "--sip.tls.listen=127.0.0.1:" + tlsPort,
                "--sip.wss.listen=127.0.0.1:" + wssPort,
                "--tls.keystore=" + certificates.keyStore(),
                "--http.listen=off", "--kurento.listen=off", "--demo.ims=off")));
        gateway = Gateway.start(settings);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void optionsOverTlsFromJainSipAgentGets200() throws Exception {
        assertEquals(200, optionsOverTls().getStatusCode());
    }

    @Test
    void optionsOverWssGets200WithSubprotocolSip() throws Exception {
        try (WebSocketSipClient client = WebSocketSipClient.secure("127.0.0.1", wssPort,
                certificates.trustingContext(), TIMEOUT)) {
            assertEquals("sip", client.subprotocol(), "RFC 7118 §4.1 subprotocol negotiated");
            Request options = client.newRequest(Request.OPTIONS, "127.0.0.1", wssPort);
            assertTrue(options.getHeader("Via").toString().contains("SIP/2.0/WSS"), options.toString());
            assertEquals(200, client.send(options, TIMEOUT).getStatusCode());
        }
    }

    @Test
    void clientNotTrustingTheCertificateFailsHandshakeAndGatewayCarriesOn() throws Exception {
        SSLContext jvmDefaults = SSLContext.getInstance("TLS");
        jvmDefaults.init(null, null, null); // the JVM's CA certificates, which do not include ours

        try (SSLSocket socket = (SSLSocket) jvmDefaults.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", tlsPort), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            assertThrows(SSLHandshakeException.class, socket::startHandshake, "TLS: certificate not trusted");
        }
        ExecutionException wss = assertThrows(ExecutionException.class,
                () -> WebSocketSipClient.secure("127.0.0.1", wssPort, jvmDefaults, TIMEOUT).close());
        assertInstanceOf(SSLHandshakeException.class, rootOrSsl(wss), "WSS: certificate not trusted");

        assertEquals(200, optionsOverTls().getStatusCode(), "TLS still served");
        try (WebSocketSipClient client = WebSocketSipClient.secure("127.0.0.1", wssPort,
                certificates.trustingContext(), TIMEOUT)) {
            assertEquals(200, client.send(client.newRequest(Request.OPTIONS, "127.0.0.1", wssPort), TIMEOUT)
                    .getStatusCode(), "WSS still served");
        }
    }

    @Test
    void plaintextSipOnTheTlsPortGetsNoSipAnswerAndGatewayCarriesOn() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", tlsPort)) {
            plain.setSoTimeout((int) TIMEOUT.toMillis());
            plain.getOutputStream().write("OPTIONS sip:127.0.0.1 SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // At most a TLS alert, then the connection closes (a read timeout would fail the test).
            byte[] reply = plain.getInputStream().readAllBytes();
            assertFalse(new String(reply, StandardCharsets.ISO_8859_1).contains("SIP/2.0"), "no plaintext SIP answer");
        } catch (SocketException resetByGateway) {
            // closed with a reset instead: equally no answer
        }
        assertEquals(200, optionsOverTls().getStatusCode(), "TLS still served");
    }

    @Test
    void wrongKeystorePasswordExitsWith2NamingTheKey() throws Exception {
        String wrong = "not-the-store-pw-42";
        try (GatewayProcess process = GatewayProcess.start(List.of(
                "--sip.udp.listen=127.0.0.1:" + FreePorts.tcpAndUdp(), "--sip.tcp.listen=off", "--sip.ws.listen=off",
                "--sip.tls.listen=127.0.0.1:" + FreePorts.tcpAndUdp(), "--http.listen=off", "--kurento.listen=off", "--demo.ims=off",
                "--tls.keystore=" + certificates.keyStore(), "--tls.keystore-password=" + wrong))) {
            assertTrue(process.waitFor(Duration.ofSeconds(60)), "exits by itself");
            String out = process.output();
            assertEquals(2, process.exitValue(), out);
            assertTrue(out.contains("command line --tls.keystore-password: tls.keystore-password: wrong password for '"
                    + certificates.keyStore() + "'"), "names flag, key and file: " + out);
            assertFalse(out.contains(wrong), "never prints the password: " + out);
        }
    }

    private static Response optionsOverTls() throws Exception {
        try (SipTestAgent agent = SipTestAgent.tls(FreePorts.tcpAndUdp(), certificates.trustStore(),
                TestCertificates.PASSWORD)) {
            Request options = agent.newRequest(Request.OPTIONS, "127.0.0.1", tlsPort);
            assertTrue(options.getRequestURI().toString().startsWith("sips:"), "RFC 3261 §26.2 sips URI: " + options);
            return agent.send(options, TIMEOUT);
        }
    }

    /** The handshake failure inside the WebSocket client's wrapping (ExecutionException, IOException). */
    private static Throwable rootOrSsl(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return t;
            }
        }
        return e;
    }
}
