package org.webims.sip.container.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ForwardingB2buaServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * A callee whose ACK is lost sends its 2xx again after the container's INVITE transaction has
 * ended: the container must ACK it again (RFC 3261 §13.2.2.4). The callee is a bare UDP socket,
 * so the test decides exactly when the repeat goes out; the caller is SIPp.
 */
class B2buaRepeatedAnswerTest {
    private SipContainer container;
    private int containerPort;
    private DatagramSocket callee;

    @BeforeEach
    void deployB2bua(@TempDir Path dir) throws Exception {
        callee = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        callee.setSoTimeout(5000);
        containerPort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("b2bua-repeat-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536));
        container.start();
        container.deploy(TestApplications.folder(dir, "b2bua", TestApplications.sipXml("b2bua",
                ForwardingB2buaServlet.class, "b2bua.target", "sip:callee@127.0.0.1:" + callee.getLocalPort())));
    }

    @AfterEach
    void stop() {
        container.close();
        callee.close();
    }

    @Test
    void answerRepeatedAfterTheInviteTransactionEndedIsAckedAgain() throws Exception {
        try (Sipp caller = Sipp.start("uac", Sipp.freePort(), "127.0.0.1:" + containerPort, "-m", "1", "-d", "8000")) {
            String invite = receive("INVITE ");
            String ok = okTo(invite);
            send(ok);
            assertNotNull(receive("ACK "), "the first 2xx is ACKed");
            Thread.sleep(6000); // past the INVITE client transaction and its linger time
            send(ok);
            assertNotNull(receive("ACK "), "the repeated 2xx is ACKed again");
            send(okTo(receive("BYE ")));
            assertEquals(0, caller.await(30), "caller side:\n" + caller.log());
        }
    }

    /** The next request with this method, skipping retransmissions of others; fails after 5 s of quiet. */
    private String receive(String method) throws Exception {
        byte[] buffer = new byte[65536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                callee.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no " + method.trim() + " reached the callee", e);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (text.startsWith(method)) {
                return text;
            }
        }
    }

    /** A 200 to {@code request} (RFC 3261 §8.2.6.2: Via, From, Call-ID and CSeq copied; To tagged). */
    private String okTo(String request) {
        List<String> lines = request.lines().collect(Collectors.toList());
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : lines) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> ok.append(line).append("\r\n");
                case "to", "t" -> ok.append(line).append(line.contains(";tag=") ? "" : ";tag=callee1").append("\r\n");
                default -> { }
            }
        }
        ok.append("Contact: <sip:callee@127.0.0.1:").append(callee.getLocalPort()).append(">\r\n")
                .append("Content-Length: 0\r\n\r\n");
        return ok.toString();
    }

    private void send(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        callee.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), containerPort));
    }
}
