package org.webims.sip.container.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.ContainerCapabilities;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.SlowMessageServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * A container with two workers and room for four pending tasks, behind an application slower
 * than its load: the excess of new requests gets 503 with Retry-After, every request gets an
 * answer, CANCEL is never shed, and the server answers normally once the burst is over.
 */
class OverloadSheddingTest {
    private SipContainer container;
    private int port;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        port = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("overload-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536),
                ContainerCapabilities.defaults(), 2, 4);
        container.start();
        container.deploy(TestApplications.folder(dir, "slow", TestApplications.sipXml("slow", SlowMessageServlet.class)));
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private static String request(String method, int n, int port, int localPort) {
        return method + " sip:svc@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-ovl-" + method + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:load@127.0.0.1>;tag=t" + n + "\r\n"
                + "To: <sip:svc@127.0.0.1>\r\n"
                + "Call-ID: ovl-" + method + n + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, String text, int port) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    /** Final responses by Call-ID, until {@code expected} arrived or the socket stays quiet for 5 s. */
    private static Map<String, String> collect(DatagramSocket socket, int expected) throws Exception {
        Map<String, String> finals = new HashMap<>();
        byte[] buffer = new byte[65536];
        socket.setSoTimeout(5000);
        while (finals.size() < expected) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException quiet) {
                break;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            String status = text.substring(8, 11);
            if (status.startsWith("1")) {
                continue;
            }
            String callId = text.lines().filter(l -> l.startsWith("Call-ID:")).findFirst().orElseThrow().substring(8).trim();
            finals.put(callId, text);
        }
        return finals;
    }

    @Test
    void newRequestsPastTheBoundGet503WithRetryAfterAndEveryRequestIsAnswered() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int burst = 30;
            for (int i = 0; i < burst; i++) {
                send(socket, request("MESSAGE", i, port, socket.getLocalPort()), port);
            }
            Map<String, String> finals = collect(socket, burst);
            assertEquals(burst, finals.size(), "every request of the burst gets a final response");
            long ok = finals.values().stream().filter(r -> r.startsWith("SIP/2.0 200")).count();
            long shed = finals.values().stream().filter(r -> r.startsWith("SIP/2.0 503")).count();
            assertEquals(burst, ok + shed, "only 200 or 503: " + finals.values());
            assertTrue(shed > 0, "some requests were shed");
            assertTrue(ok > 0, "some requests were served");
            assertTrue(finals.values().stream().filter(r -> r.startsWith("SIP/2.0 503"))
                    .allMatch(r -> r.contains("\nRetry-After:")), "every 503 carries Retry-After");

            // the burst is over: the next request is served again
            send(socket, request("MESSAGE", 999, port, socket.getLocalPort()), port);
            assertTrue(collect(socket, 1).values().iterator().next().startsWith("SIP/2.0 200"));
        }
    }

    @Test
    void cancelIsNeverShed() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 12; i++) {
                send(socket, request("MESSAGE", i, port, socket.getLocalPort()), port);
            }
            // while the workers are saturated, a CANCEL for a transaction we never saw gets 481, not 503
            send(socket, request("CANCEL", 500, port, socket.getLocalPort()), port);
            Map<String, String> finals = collect(socket, 13);
            String cancelAnswer = finals.get("ovl-CANCEL500@127.0.0.1");
            assertTrue(cancelAnswer != null && cancelAnswer.startsWith("SIP/2.0 481"), "CANCEL answered 481: " + cancelAnswer);
            assertTrue(finals.values().stream().anyMatch(r -> r.startsWith("SIP/2.0 503")), "the MESSAGE burst was shed in part");
        }
    }
}
