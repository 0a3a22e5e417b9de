package org.webims.sip.container.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.Datagrams;
import org.webims.sip.container.apps.ForwardingB2buaServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.timer.TimerT1;

/**
 * RFC 3261 §13.3.1.4 for a B2BUA's derived dialogs (JSR 289 §12, decisions 0050 and 0056): both
 * forks of the callee leg answer before the caller has acknowledged anything, the B2BUA relays
 * both 2xx to the caller, the caller's ACKs are lost at first, then the second dialog's gets
 * through and the first dialog's only later. In each dialog the container must retransmit that
 * dialog's own 2xx (its To tag, its SDP), and only until that dialog's own ACK (each 2xx has its
 * ACK, matched by dialog: §13.2.2.4, §17.2.1); both dialogs must outlive 64*T1, when JAIN-SIP
 * ends a dialog that never saw its ACK. And when one dialog's ACK never comes at all, that dialog
 * alone resends its 2xx for 64*T1 and is then ended with a BYE (decision 0056, Later).
 *
 * <p>The caller is a bare UDP socket, so that the test decides which ACK is lost and sees every
 * datagram the container sends; the callee is SIPp answering from two forks.
 */
class B2buaDerivedDialogRetransmissionTest {
    /**
     * The container's T1 here (sip.t1-millis; RFC 3261 §17.1.1.1 allows a smaller one where round
     * trips are short, as on loopback): waiting out 64*T1 takes 6.4 s, not 32. JAIN-SIP's T2 is 8*T1.
     */
    private static final long T1 = 100;
    private static final long T2 = 8 * T1;
    /** JAIN-SIP's linger of an ended dialog, 8 s at the default T1 of 500 ms: it runs on T1 too. */
    private static final long LINGER = 16 * T1;
    /** JAIN-SIP counts 64*T1 in T1 ticks, each re-armed up to a timer-wheel tick (10 ms) late. */
    private static final long LATE_TICKS = 64 * 10;
    /** A copy already on its way when an ACK went out is not a retransmission after it. */
    private static final long IN_FLIGHT = 200;

    private SipContainer container;
    private int containerPort;
    private int calleePort;
    private DatagramSocket caller;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        containerPort = Sipp.freePort();
        calleePort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("b2bua-derived-retransmission-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536)
                .withT1(TimerT1.ofMillis(T1)));
        container.start();
        caller = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() {
        caller.close();
        container.close();
    }

    @Test
    void eachDialogResendsItsOwnOkUntilItsOwnAckWhenTheFirstDialogsAckIsLost() throws Exception {
        deployB2bua();
        // the call waits past 64*T1 before hanging up
        try (Sipp callee = Sipp.start("uas-forks-two-answers-before-any-ack.xml", calleePort, null,
                "-m", "1", "-timeout", "90s")) {
            List<Answer> forks = bothAnswers();
            Answer one = forks.get(0);
            Answer two = forks.get(1);

            // no ACK yet: each dialog resends its own 2xx, T1 and 3*T1 after it first went
            awaitOwnResends(List.of(one, two), 2, Map.of());
            send(ack(two)); // dialog 1's ACK is lost
            // dialog 2 stops at its ACK, dialog 1 goes on: 7*T1 after its 2xx
            awaitOwnResends(List.of(one), 1, Map.of(two.toTag, System.nanoTime()));

            send(ack(one)); // late
            long oneAcked = System.nanoTime();
            // past 64*T1 after the 2xx (when JAIN-SIP ends a dialog whose ACK it did not record) and its linger
            long quietUntil = oneAcked + TimeUnit.MILLISECONDS.toNanos(64 * T1 + LINGER + 2000);
            for (String late = receiveUntil(quietUntil); late != null; late = receiveUntil(quietUntil)) {
                assertTrue(sinceMillis(oneAcked) < IN_FLIGHT && late.equals(one.text),
                        "nothing after both ACKs (no 2xx retransmission, no request), got:\n" + late);
            }
            assertEquals(4, container.sipSessionCount(), "both dialogs' sessions, on both legs, still there past 64*T1");

            send(bye(two, 2));
            assertEquals(200, finalStatusTo("2 BYE"), "dialog 2 still up");
            send(bye(one, 3));
            assertEquals(200, finalStatusTo("3 BYE"), "dialog 1 still up");
            assertEquals(0, callee.await(40), "callee (each ACK and BYE at its own fork):\n" + callee.log());
        }
        for (int i = 0; i < 100 && container.sipSessionCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after both dialogs ended");
    }

    /**
     * RFC 3261 §13.3.1.4 when one dialog's ACK never comes, for the original session's dialog
     * (fork one) and for the derived one (fork two): that dialog resends its own 2xx for 64*T1 and
     * is then, confirmed without its ACK, ended with a BYE, and nothing else of it follows. The
     * other dialog, acknowledged, is untouched and hangs up as usual.
     *
     * <p>Before that BYE the application is told, once (JSR 289 §6 {@code SipErrorListener.noAckReceived},
     * with the INVITE and that dialog's 2xx), and the B2BUA ends its other leg, so that no session
     * is left. The B2BUA never ACKed that fork's 2xx either (it relays the caller's ACK): at 64*T1 and
     * JAIN-SIP's dialog linger (16*T1) after it the container sends that fork the owed ACK, then a BYE with a 408 Reason
     * (RFC 3261 §13.2.2.4, decision 0059). The callee's SIPp checks both, in that fork and in that
     * order, before the live fork's BYE.
     */
    @ParameterizedTest(name = "{0}''s ACK never comes")
    @ValueSource(strings = {"fork-one", "fork-two"})
    void aDialogWhoseAckNeverComesResendsItsOwnOkFor64T1AndIsThenHungUp(String unacked) throws Exception {
        deployB2bua();
        try (Sipp callee = Sipp.start("uas-forks-two-answers-one-never-acked.xml", calleePort, null,
                "-m", "1", "-timeout", "90s")) {
            List<Answer> forks = bothAnswers();
            long answered = System.nanoTime();
            Answer lost = forks.get(0).body.contains("o=" + unacked) ? forks.get(0) : forks.get(1);
            Answer live = lost == forks.get(0) ? forks.get(1) : forks.get(0);
            send(ack(live));
            long liveAcked = System.nanoTime();
            // T1 and 3*T1 after the 2xx: its own, not the other dialog's
            awaitOwnResends(List.of(lost), 2, Map.of(live.toTag, liveAcked));

            int resent = 2;
            Set<String> byes = new HashSet<>(); // by Via: a BYE's retransmissions are one BYE
            // 64*T1 of retransmissions, JAIN-SIP's linger of the dialog it then ends, and a T2 to spare
            long quietUntil = answered + TimeUnit.MILLISECONDS.toNanos(64 * T1 + LINGER + T2 + 2000);
            for (String message = receiveUntil(quietUntil); message != null; message = receiveUntil(quietUntil)) {
                if (message.startsWith("BYE ")) {
                    assertTrue(header(message, "From").contains("tag=" + lost.toTag)
                            && header(message, "To").contains("tag=caller"),
                            "a BYE only in the dialog whose ACK never came:\n" + message);
                    byes.add(header(message, "Via"));
                    send(okTo(message));
                    continue;
                }
                Answer again = Answer.of(assertOk(message));
                if (again.toTag.equals(live.toTag)) {
                    assertTrue(sinceMillis(liveAcked) < IN_FLIGHT, "a 2xx of the acknowledged dialog:\n" + message);
                    continue;
                }
                assertEquals(lost.text, again.text, "a dialog resends exactly its own 2xx (its To tag, its SDP)");
                // a timer tick late on a loaded host is still within one more T2
                assertTrue(sinceMillis(answered) < 64 * T1 + T2 + LATE_TICKS && byes.isEmpty(),
                        "the 2xx resent past 64*T1, or after its dialog's BYE:\n" + message);
                resent++;
            }
            // T1, 3, 7, 15, then every T2 (8*T1) to 64*T1: 10 in all; two spare for a late tick
            assertTrue(resent >= 8, "the 2xx resent for 64*T1, not " + resent + " times");
            assertEquals(1, byes.size(), "RFC 3261 §13.3.1.4: the dialog confirmed without its ACK ended by a BYE");
            assertEquals(1, ForwardingB2buaServlet.NO_ACKS.size(), "noAckReceived once: " + ForwardingB2buaServlet.NO_ACKS);
            String told = ForwardingB2buaServlet.NO_ACKS.get(0);
            assertTrue(told.startsWith("INVITE 200 ") && told.contains("tag=" + lost.toTag),
                    "noAckReceived names the INVITE and the unacknowledged dialog's 2xx: " + told);

            send(bye(live, 2));
            assertEquals(200, finalStatusTo("2 BYE"), "the acknowledged dialog still up");
            assertEquals(0, callee.await(40), "callee (the live fork's ACK; the other fork's ACK, then its BYE"
                    + " with Reason SIP;cause=408; then the live fork's BYE):\n" + callee.log());
        }
        for (int i = 0; i < 100 && container.sipSessionCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(),
                "sessions left: the callee leg of the fork the caller never acknowledged ended by noAckReceived");
    }

    private void deployB2bua() throws Exception {
        ForwardingB2buaServlet.NO_ACKS.clear();
        container.deploy(TestApplications.folder(dir, "b2bua", TestApplications.withListener(TestApplications.sipXml("b2bua",
                ForwardingB2buaServlet.class, "b2bua.target", "sip:callee@127.0.0.1:" + calleePort),
                ForwardingB2buaServlet.class)));
    }

    /**
     * Sends the INVITE and takes the caller's two 2xx, one per fork, each in a dialog of its own:
     * fork one's (the original session's dialog), then fork two's (the derived session's).
     */
    private List<Answer> bothAnswers() throws Exception {
        send(invite());
        Answer first = nextOk(5000);
        Answer second = nextOk(5000);
        while (second.toTag.equals(first.toTag)) {
            assertEquals(first.text, second.text, "dialog 1's 2xx resent before dialog 2's came");
            second = nextOk(5000);
        }
        Answer one = first.body.contains("o=fork-one") ? first : second;
        Answer two = one == first ? second : first;
        assertTrue(one.body.contains("o=fork-one") && two.body.contains("o=fork-two"),
                "each fork's answer in a dialog of its own:\n" + first.text + "\n" + second.text);
        return List.of(one, two);
    }

    private record Answer(String text, String toTag, String contact, String body) {
        static Answer of(String text) {
            String to = header(text, "To");
            int tag = to.indexOf(";tag=");
            String contact = header(text, "Contact");
            return new Answer(text, tag < 0 ? "" : to.substring(tag + 5).split("[;>]")[0],
                    contact.substring(contact.indexOf('<') + 1, contact.indexOf('>')),
                    text.substring(text.indexOf("\r\n\r\n") + 4));
        }
    }

    private static String header(String message, String name) {
        for (String line : message.substring(0, message.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in\n" + message);
    }

    /**
     * Takes 2xx retransmissions until each dialog answered with one of {@code due} has resent it
     * {@code times} more times, each byte for byte that dialog's own 2xx. A 2xx in a dialog whose
     * ACK went at the time {@code acked} gives for its To tag may come only while that ACK is in flight.
     */
    private void awaitOwnResends(List<Answer> due, int times, Map<String, Long> acked) throws Exception {
        Map<String, Integer> resent = new HashMap<>();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(times * T2 + 1000);
        while (due.stream().anyMatch(a -> resent.getOrDefault(a.toTag, 0) < times)) {
            String message = receiveUntil(until);
            if (message == null) {
                fail("not every dialog resent its own 2xx " + times + " times; resent by To tag: " + resent
                        + ", awaited: " + due.stream().map(Answer::toTag).toList());
            }
            Answer again = Answer.of(assertOk(message));
            Long ackedAt = acked.get(again.toTag);
            if (ackedAt != null) {
                assertTrue(sinceMillis(ackedAt) < IN_FLIGHT, "a 2xx with the To tag of a dialog after that dialog's"
                        + " ACK (resent by it, or by another dialog in its stead):\n" + again.text);
                continue;
            }
            Answer own = due.stream().filter(a -> a.toTag.equals(again.toTag)).findFirst()
                    .orElseThrow(() -> new AssertionError("a 2xx of no dialog awaited:\n" + again.text));
            assertEquals(own.text, again.text, "a dialog resends exactly its own 2xx (its To tag, its SDP)");
            resent.merge(own.toTag, 1, Integer::sum);
        }
    }

    /** The next 2xx to the INVITE, past provisional responses. */
    private Answer nextOk(long timeoutMillis) throws Exception {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            String message = receiveUntil(until);
            if (message == null) {
                fail("no 2xx within " + timeoutMillis + " ms");
            }
            if (message.startsWith("SIP/2.0 1")) {
                continue;
            }
            return Answer.of(assertOk(message));
        }
    }

    private static String assertOk(String message) {
        assertTrue(message.startsWith("SIP/2.0 200 ") && header(message, "CSeq").endsWith("INVITE"), message);
        return message;
    }

    /** The status of the final response whose CSeq is {@code cseq}; nothing else may come meanwhile. */
    private int finalStatusTo(String cseq) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String message = receiveUntil(until);
            if (message == null) {
                fail("no response to " + cseq);
            }
            assertEquals(cseq, header(message, "CSeq"), "only the BYE's response is due:\n" + message);
            if (!message.startsWith("SIP/2.0 1")) {
                return Integer.parseInt(message.substring(8, 11));
            }
        }
    }

    /** The next datagram, or null if none comes before {@code nanoDeadline}. */
    private String receiveUntil(long nanoDeadline) throws Exception {
        DatagramPacket packet = Datagrams.receiveBefore(caller, nanoDeadline);
        return packet == null ? null : new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static long sinceMillis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private void send(String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        caller.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), containerPort));
    }

    /** A 200 to {@code request}, from its own headers (RFC 3261 §8.2.6.2). */
    private static String okTo(String request) {
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
            ok.append(name).append(": ").append(header(request, name)).append("\r\n");
        }
        return ok.append("Content-Length: 0\r\n\r\n").toString();
    }

    private String invite() {
        return "INVITE sip:callee@127.0.0.1:" + containerPort + " SIP/2.0\r\n"
                + via("invite")
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:callee@127.0.0.1:" + containerPort + ">\r\n"
                + "Call-ID: derived-retransmission@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + caller.getLocalPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The ACK for a 2xx: a transaction of its own, to the dialog's remote target (RFC 3261 §13.2.2.4). */
    private String ack(Answer answer) {
        return inDialog("ACK", answer, 1);
    }

    private String bye(Answer answer, int cseq) {
        return inDialog("BYE", answer, cseq);
    }

    private String inDialog(String method, Answer answer, int cseq) {
        return method + " " + answer.contact + " SIP/2.0\r\n"
                + via(method + "-" + answer.toTag)
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:callee@127.0.0.1:" + containerPort + ">;tag=" + answer.toTag + "\r\n"
                + "Call-ID: derived-retransmission@127.0.0.1\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private String via(String branch) {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + caller.getLocalPort() + ";branch=z9hG4bK-" + branch + ";rport\r\n";
    }
}
