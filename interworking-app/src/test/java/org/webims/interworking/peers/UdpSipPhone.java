package org.webims.interworking.peers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A raw SIP phone on a UDP socket: it writes messages as given and reads what comes back, for a
 * party no JAIN-SIP agent plays, such as a second phone behind a forking IMS answering a call
 * another phone already answered (RFC 3261 §13.2.2.4).
 */
public final class UdpSipPhone implements AutoCloseable {
    private final DatagramSocket socket;

    public UdpSipPhone() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void send(String message, InetSocketAddress to) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** The next SIP message within {@code timeout}, or null when none came. */
    public SipText receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return SipText.parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code answer} (a 2xx) and sends it again every half second until a request comes,
     * as a UAS resends its 2xx until the ACK (RFC 3261 §13.3.1.4); that request, or null by {@code wait}.
     */
    public SipText answerUntilRequest(String answer, InetSocketAddress to, Duration wait) throws IOException {
        SipText got = null;
        for (long end = System.nanoTime() + wait.toNanos(); got == null && System.nanoTime() < end; ) {
            send(answer, to);
            got = receive(Duration.ofMillis(500));
        }
        return got;
    }

    /**
     * The second fork's part (RFC 3261 §13.2.2.4): sends {@code answer}, a 2xx with To tag
     * {@code tag} and this phone's Contact, until it is ACKed, then expects the BYE that ends its
     * dialog and answers it 200.
     */
    public void answerAndExpectAckThenBye(String answer, String tag, InetSocketAddress to, Duration wait)
            throws IOException {
        SipText ack = answerUntilRequest(answer, to, wait);
        assertNotNull(ack, "the second fork's 200 is acknowledged");
        assertEquals("ACK", ack.method(), ack.startLine());
        assertTrue(ack.startLine().contains("@127.0.0.1:" + port()), ack.startLine());
        assertTrue(ack.header("To").contains("tag=" + tag), ack.header("To"));
        SipText bye = receive(wait);
        assertNotNull(bye, "the second fork's dialog is ended");
        assertEquals("BYE", bye.method(), bye.startLine());
        assertTrue(bye.header("To").contains("tag=" + tag), bye.header("To"));
        send(bye.reply(200, "OK", null, null), to);
    }

    @Override
    public void close() {
        socket.close();
    }
}
