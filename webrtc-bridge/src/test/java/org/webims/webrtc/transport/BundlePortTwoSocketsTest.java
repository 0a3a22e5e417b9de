package org.webims.webrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.transport.MediaIoLoop;
import org.webims.webrtc.ice.IceLiteAgent;
import org.webims.webrtc.ice.IceLiteAgentTest;
import org.webims.webrtc.ice.IceState;

/**
 * A bundle port on two sockets (two web interfaces, 127.0.0.2 and 127.0.0.3) read by a real I/O
 * loop, with a peer on 127.0.0.1 sending ice4j-encoded checks and RTP-looking datagrams over UDP:
 * each STUN answer leaves from the socket its check came in on, media is accepted only on the
 * socket its pair was validated on, and media goes out from the nominated pair's socket.
 */
class BundlePortTwoSocketsTest {

    static final byte[] RTP = rtp();

    MediaIoLoop loop;
    DatagramChannel first;
    DatagramChannel second;
    BundlePort port;
    DatagramSocket browser;
    final AtomicInteger mediaIn = new AtomicInteger();
    final ByteBuffer staging = ByteBuffer.allocateDirect(1500);

    @BeforeAll
    static void startIce4j() {
        IceLiteAgentTest.startIce4j();
    }

    @AfterAll
    static void stopIce4j() {
        IceLiteAgentTest.stopIce4j();
    }

    @BeforeEach
    void setUp() throws Exception {
        loop = new MediaIoLoop(1, "bundle-test-io");
        first = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        second = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
        IceLiteAgent ice = new IceLiteAgent(IceLiteAgentTest.OURS, Duration.ofSeconds(30), new IceLiteAgent.Listener() {
            @Override public void stateChanged(IceState state) { }
            @Override public void selectedPairChanged(int local, InetSocketAddress remote) { }
        });
        port = new BundlePort(List.of(first, second), ice, (b, o, l, from) -> { });
        port.start(loop, new Object(), (b, o, l, now) -> mediaIn.incrementAndGet());
        browser = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        browser.setSoTimeout(5000);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        port.close();
        loop.close();
    }

    static byte[] rtp() {
        byte[] p = new byte[40];
        p[0] = (byte) 0x80; // RTP version 2 (RFC 7983: 128..191 is RTP/RTCP)
        p[1] = 111;
        return p;
    }

    /** Sends a check to {@code socket}; returns where its answer came from, after checking it is a success. */
    SocketAddress check(InetSocketAddress socket, boolean nominate) throws Exception {
        byte[] request = IceLiteAgentTest.check("srvU:brws", nominate, true);
        browser.send(new DatagramPacket(request, request.length, socket));
        DatagramPacket answer = new DatagramPacket(new byte[512], 512);
        browser.receive(answer);
        assertEquals(Message.BINDING_SUCCESS_RESPONSE,
                Message.decode(answer.getData(), 0, answer.getLength()).getMessageType());
        return answer.getSocketAddress();
    }

    void media(InetSocketAddress socket) throws Exception {
        browser.send(new DatagramPacket(RTP, RTP.length, socket));
    }

    /** Where our next media to the browser comes from. */
    SocketAddress ourMediaSource() throws Exception {
        assertTrue(port.sendMedia(RTP, 0, RTP.length, staging));
        DatagramPacket got = new DatagramPacket(new byte[512], 512);
        browser.receive(got);
        return got.getSocketAddress();
    }

    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void theStunAnswerLeavesFromTheSocketItsCheckCameInOnAndMediaOnlyOverTheValidatedSocket() throws Exception {
        InetSocketAddress a = port.localAddress(0);
        InetSocketAddress b = port.localAddress(1);
        assertEquals(a, check(a, true), "the answer to a check on the first socket comes from the first");

        media(b); // the validated remote, on the socket it was not validated on
        assertTrue(eventually(() -> port.counters().droppedFromUnvalidated() == 1), "dropped and counted");
        media(a);
        assertTrue(eventually(() -> mediaIn.get() == 1), "accepted on the socket its pair was validated on");
        assertEquals(1, port.counters().droppedFromUnvalidated());
        assertEquals(a, ourMediaSource(), "media leaves from the nominated pair's socket");

        assertEquals(b, check(b, false), "the answer to a check on the second socket comes from the second");
        assertEquals(a, ourMediaSource(), "a check without USE-CANDIDATE moves nothing");
        media(b);
        assertTrue(eventually(() -> mediaIn.get() == 2), "the second pair is validated now");

        assertEquals(b, check(b, true));
        assertEquals(b, ourMediaSource(), "the browser nominated the second socket's pair: media leaves from it");
        assertEquals(1, port.counters().droppedFromUnvalidated());
        assertEquals(3, port.counters().stunMessages(), "counters are the endpoint's, across its sockets");
    }

    @Test
    void closeClosesEverySocket() throws Exception {
        port.close();
        assertTrue(eventually(() -> !first.isOpen() && !second.isOpen()), "both sockets closed");
        assertFalse(second.isOpen());
    }
}
