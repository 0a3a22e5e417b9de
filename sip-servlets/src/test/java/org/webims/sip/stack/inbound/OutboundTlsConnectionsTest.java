package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.InterfaceChoosingUacServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.TlsClientAuth;
import org.webims.sip.stack.TlsSettings;

/**
 * Connections the container opens over TLS (RFC 3261 §26, §18.1.1): the first request to a TLS
 * peer it has no connection with must arrive, and the requests that follow to the same peer
 * (ACK, BYE) must come over that same connection. A real TLS listener stands in for the callee;
 * an application (InterfaceChoosingUacServlet) sends an INVITE to it, ACKs its 200 and hangs up.
 */
class OutboundTlsConnectionsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path dir;
    private SipContainer container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void firstRequestToANewTlsPeerArrivesAndTheNextOnesReuseItsConnection() throws Exception {
        TestKeyStore keyStore = TestKeyStore.create(dir);
        int udpPort = Sipp.freePort();
        int tlsPort = Sipp.freePort();
        TlsSettings tls = new TlsSettings(keyStore.file(), TestKeyStore.PASSWORD, keyStore.file(), TestKeyStore.PASSWORD,
                TlsClientAuth.NONE, TestKeyStore.protocols());
        container = new SipContainer(new SipStackSettings("outbound-tls-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", udpPort),
                new ListenAddress(SipTransport.TLS, "127.0.0.1", tlsPort)), 65536, tls));
        container.start();
        try (SSLServerSocket listener = (SSLServerSocket) keyStore.serverContext().getServerSocketFactory()
                .createServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout((int) WAIT.toMillis());
            int peerPort = listener.getLocalPort();
            container.deploy(TestApplications.folder(dir, "uac", TestApplications.sipXml("uac",
                    InterfaceChoosingUacServlet.class, "uac.target", "sip:callee@127.0.0.1:" + peerPort + ";transport=tls",
                    "uac.interfacePort", Integer.toString(tlsPort))));
            try (Sipp trigger = Sipp.start("uac-message-expects-200.xml", Sipp.freePort(), "127.0.0.1:" + udpPort,
                    "-m", "1");
                 SecureSipPeer callee = SecureSipPeer.accepted((SSLSocket) listener.accept(), WAIT)) {
                String invite = callee.receiveHead();
                assertNotNull(invite, "the connection closed before the INVITE");
                assertTrue(invite.startsWith("INVITE "), "the first request on the connection: " + invite);
                callee.send(answer(invite, peerPort));
                String ack = callee.receiveHead();
                assertNotNull(ack, "the ACK did not come over the connection the INVITE came on");
                assertTrue(ack.startsWith("ACK sip:callee@127.0.0.1:" + peerPort), ack);
                String bye = callee.receiveHead();
                assertNotNull(bye, "the BYE did not come over the connection the INVITE came on");
                assertTrue(bye.startsWith("BYE sip:callee@127.0.0.1:" + peerPort), bye);
                callee.send(okTo(bye, ""));
                assertEquals(0, trigger.await(40), "trigger:\n" + trigger.log());
            }
        }
    }

    /** A 200 to the INVITE with a To tag and a Contact on the peer's listening port (RFC 3261 §12.1.1). */
    private static byte[] answer(String invite, int peerPort) {
        return okTo(invite, "Contact: <sip:callee@127.0.0.1:" + peerPort + ";transport=tls>\r\n");
    }

    private static byte[] okTo(String request, String extra) {
        StringBuilder response = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> response.append(line).append("\r\n");
                case "to", "t" -> response.append(line).append(line.contains(";tag=") ? "" : ";tag=tlspeer").append("\r\n");
                default -> { }
            }
        }
        return response.append(extra).append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
