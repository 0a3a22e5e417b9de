package org.webims.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.Datagrams;
import org.webims.sip.container.apps.ReliableRingingServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.timer.TimerT1;

/** RFC 3262 through the servlet API: sendReliably, the caller's PRACK to doPrack, then the answer; or no PRACK at all. */
class ReliableProvisionalTest {
    /**
     * The container's T1 (sip.t1-millis) for the test that waits out 64*T1: 6.4 s, not 32 s. The
     * PRACKed call runs on the default T1 (500 ms).
     */
    private static final long T1 = 100;
    /** Scheduling slack on a loaded host, for a datagram against the timer that sent it. */
    private static final long SLACK = 80;
    /** A response already on its way when the ACK went out is not one sent after it. */
    private static final long IN_FLIGHT = 200;

    private SipContainer container;
    private int port;
    @TempDir
    Path dir;

    @BeforeEach
    void deploy() throws Exception {
        deploy(TimerT1.DEFAULT);
    }

    private void deploy(TimerT1 t1) throws Exception {
        port = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("rel100-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536).withT1(t1));
        container.start();
        container.deploy(TestApplications.folder(dir, "rel", TestApplications.withListener(
                TestApplications.sipXml("rel", ReliableRingingServlet.class), ReliableRingingServlet.class)));
        ReliableRingingServlet.NO_PRACKS.clear();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void reliable183IsPrackedThenTheCallIsAnsweredAndNoPrackWatchOutlivesIt() throws Exception {
        int timersBefore = container.scheduledTimerCount();
        try (Sipp caller = Sipp.start("uac-100rel.xml", Sipp.freePort(), "127.0.0.1:" + port, "-m", "1")) {
            assertEquals(0, caller.await(40), "caller side:\n" + caller.log());
        }
        awaitNoSession();
        assertTrue(ReliableRingingServlet.NO_PRACKS.isEmpty(), "no noPrackReceived for a PRACKed 183");
        // the 64*T1 watch went with the 200: it would otherwise hold the INVITE for 32 s after the call
        assertEquals(timersBefore, container.scheduledTimerCount(), "container timers left after the answered call");
    }

    /**
     * RFC 3262 §3 with a caller that supports 100rel and never PRACKs: the reliable 183 is resent,
     * byte for byte, at growing intervals from T1 on, for 64*T1; then the application hears
     * {@code noPrackReceived} once (JSR 289 §6), with the INVITE and that 183, and since it leaves the
     * INVITE unanswered the container refuses it with 500 and a Warning (decision 0060). No 183
     * comes after the 500, the caller's ACK ends the transaction, and no session is left.
     *
     * <p>The caller is a bare UDP socket, so that it sees every datagram and sends no PRACK.
     */
    @Test
    void reliable183NeverPrackedIsResentFor64T1ThenTheListenerIsToldOnceAndTheInviteIsRefusedWith500() throws Exception {
        container.close();
        deploy(TimerT1.ofMillis(T1));
        try (DatagramSocket caller = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String tags = "From: <sip:caller@127.0.0.1:" + caller.getLocalPort() + ">;tag=noprack\r\n"
                    + "Call-ID: never-pracks@127.0.0.1\r\n";
            String via = "Via: SIP/2.0/UDP 127.0.0.1:" + caller.getLocalPort() + ";branch=z9hG4bK-noprack;rport\r\n";
            send(caller, "INVITE sip:callee@127.0.0.1:" + port + " SIP/2.0\r\n" + via + tags
                    + "To: <sip:callee@127.0.0.1:" + port + ">\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:caller@127.0.0.1:" + caller.getLocalPort() + ">\r\n"
                    + "Supported: 100rel\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

            List<Long> ringingAt = new ArrayList<>();
            byte[] first = null;
            String refusal = null;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(64 * T1 + 10_000);
            while (refusal == null) {
                DatagramPacket p = Datagrams.receiveBefore(caller, deadline);
                assertNotNull(p, "no final response within 64*T1 + 10 s; 183s seen: " + ringingAt.size());
                byte[] bytes = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (text.startsWith("SIP/2.0 183")) {
                    if (first == null) {
                        first = bytes;
                        assertTrue(text.contains("RSeq:") && Pattern.compile("(?m)^Require:.*100rel").matcher(text).find(), text);
                    } else {
                        assertArrayEquals(first, bytes, "each retransmission is the first 183:\n" + text);
                    }
                    ringingAt.add(System.nanoTime());
                } else if (!text.startsWith("SIP/2.0 100")) {
                    refusal = text;
                }
            }
            long refusedAt = System.nanoTime();
            assertTrue(refusal.startsWith("SIP/2.0 500 "), refusal);
            assertTrue(Pattern.compile("(?m)^Warning: 399 ").matcher(refusal).find(), "a Warning says why:\n" + refusal);

            // resent at T1 after the first, then at growing intervals (JAIN-SIP's T1-tick schedule: 1, 3, 5, 9, 17 T1)
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < ringingAt.size(); i++) {
                gaps.add(TimeUnit.NANOSECONDS.toMillis(ringingAt.get(i) - ringingAt.get(i - 1)));
            }
            assertTrue(gaps.size() >= 5, "at least 5 retransmissions in 64*T1, gaps (ms): " + gaps);
            assertTrue(Math.abs(gaps.get(0) - T1) <= SLACK, "the first retransmission T1 after the 183, gaps (ms): " + gaps);
            for (int i = 1; i < gaps.size(); i++) {
                assertTrue(gaps.get(i) >= gaps.get(i - 1) + T1 - SLACK, "each interval longer than the last, gaps (ms): " + gaps);
            }
            long refusedAfter = TimeUnit.NANOSECONDS.toMillis(refusedAt - ringingAt.get(0));
            assertTrue(refusedAfter >= 64 * T1 - SLACK && refusedAfter <= 64 * T1 + 4000,
                    "refused 64*T1 after the first 183, not " + refusedAfter + " ms");

            assertEquals(List.of("INVITE 183 " + rseq(first)), ReliableRingingServlet.NO_PRACKS,
                    "noPrackReceived once, with the INVITE and that 183 (its RSeq)");

            send(caller, "ACK sip:callee@127.0.0.1:" + port + " SIP/2.0\r\n" + via + tags
                    + header(refusal, "To") + "\r\n"
                    + "CSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            long ackedAt = System.nanoTime();
            // past Timer G's next 500 (T1 after the last) and a little: nothing more, no 183 above all
            long quiet = ackedAt + TimeUnit.MILLISECONDS.toNanos(4 * T1);
            for (DatagramPacket p = Datagrams.receiveBefore(caller, quiet); p != null; p = Datagrams.receiveBefore(caller, quiet)) {
                String text = new String(p.getData(), p.getOffset(), p.getLength(), StandardCharsets.UTF_8);
                assertTrue(text.startsWith("SIP/2.0 500 ") && System.nanoTime() - ackedAt < TimeUnit.MILLISECONDS.toNanos(IN_FLIGHT),
                        "nothing after the ACK but a 500 already in flight, got:\n" + text);
            }
        }
        awaitNoSession();
    }

    private void awaitNoSession() throws InterruptedException {
        for (int i = 0; i < 100 && container.sipSessionCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
    }

    private void send(DatagramSocket socket, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?mi)^" + name + ":.*$").matcher(message);
        assertTrue(m.find(), name + " in:\n" + message);
        return m.group().strip();
    }

    private static String rseq(byte[] response) {
        return header(new String(response, StandardCharsets.UTF_8), "RSeq").split(":", 2)[1].strip();
    }
}
