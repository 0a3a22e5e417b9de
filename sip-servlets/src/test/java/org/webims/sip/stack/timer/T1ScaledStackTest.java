package org.webims.sip.stack.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackHost;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.StackTestPeer;

/**
 * JAIN-SIP's own timers on a configured T1: the stack sends an OPTIONS to a UDP socket that never
 * answers, and its non-INVITE client transaction (RFC 3261 §17.1.2.2) retransmits at Timer E (T1,
 * doubling up to T2 = 8*T1 here as JAIN-SIP counts it) and times out at Timer F (64*T1), all on
 * the configured T1 and not on JAIN-SIP's fixed 500 ms.
 */
class T1ScaledStackTest {
    private static final long T1 = 100;
    /** A wheel tick late per T1 tick, and a loaded 2-core machine: the upper bounds allow for both. */
    private static final long SLACK_MILLIS = 60;

    private SipStackHost host;
    private DatagramSocket silent;
    private final BlockingQueue<Long> timeouts = new ArrayBlockingQueue<>(4);

    @AfterEach
    void stop() {
        if (silent != null) {
            silent.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void nonInviteRetransmissionsAndTimerFFollowTheConfiguredT1() throws Exception {
        int port = start(TimerT1.ofMillis(T1));
        long sent = System.nanoTime();
        options(port).sendRequest();
        List<Long> copies = copiesUntil(sent, Integer.MAX_VALUE, 64 * T1 * 2 + 2000);
        Long timedOut = timeouts.poll(64 * T1 * 2 + 2000, TimeUnit.MILLISECONDS);
        assertNotNull(timedOut, "Timer F fired within twice 64*T1 (JAIN-SIP's own T1 would take 32 s); copies at " + copies);
        long timeoutMillis = TimeUnit.NANOSECONDS.toMillis(timedOut - sent);
        assertTrue(timeoutMillis >= 64 * T1 - 10, "Timer F not before 64*T1: " + timeoutMillis + " ms");

        assertTrue(copies.size() >= 8, "the original and Timer E's retransmissions: " + copies);
        // Timer E: T1, 2*T1, 4*T1, then T2 = 8*T1 between copies, each up to a wheel tick per T1 late
        assertGaps(copies, T1, 2 * T1, 4 * T1, 8 * T1, 8 * T1);
    }

    /** Without a T1 in the settings the stack keeps RFC 3261's 500 ms: Timer E resends at 500, 1000, 2000 ms gaps. */
    @Test
    void withoutASettingTheStackKeepsTheDefaultT1Of500Milliseconds() throws Exception {
        int port = start(TimerT1.DEFAULT);
        long sent = System.nanoTime();
        options(port).sendRequest();
        List<Long> copies = copiesUntil(sent, 4, 3500 + 2000);
        assertEquals(4, copies.size(), "the original and 3 retransmissions in 3.5 s: " + copies);
        assertGaps(copies, 500, 1000, 2000);
        assertTrue(timeouts.isEmpty(), "no Timer F yet");
    }

    private int start(TimerT1 t1) throws Exception {
        int port = Sipp.freePort();
        host = new SipStackHost(new SipStackSettings("t1-scaled-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536).withT1(t1));
        host.start(h -> new TimeoutRecorder());
        silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        return port;
    }

    /** When (ms after {@code sent}) each copy reached the silent socket, until {@code most} came, a timeout, or {@code waitMillis}. */
    private List<Long> copiesUntil(long sent, int most, long waitMillis) throws Exception {
        List<Long> copies = new ArrayList<>();
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        silent.setSoTimeout(200);
        long deadline = sent + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (copies.size() < most && timeouts.isEmpty() && System.nanoTime() < deadline) {
            try {
                silent.receive(packet);
                copies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            } catch (SocketTimeoutException quiet) {
                // look for the timeout again
            }
        }
        return copies;
    }

    /** Each gap between copies is its expected one, or up to half again and a loaded host's slack later; never early. */
    private static void assertGaps(List<Long> copies, long... expectedGaps) {
        for (int i = 0; i < expectedGaps.length; i++) {
            long gap = copies.get(i + 1) - copies.get(i);
            assertTrue(gap >= expectedGaps[i] - 20 && gap <= expectedGaps[i] * 3 / 2 + SLACK_MILLIS,
                    "gap " + (i + 1) + " is " + gap + " ms, expected about " + expectedGaps[i] + "; copies at " + copies);
        }
    }

    @Test
    void everyScaledTaskClassIsInTheJainSipOnTheClassPath() throws Exception {
        // a JAIN-SIP upgrade that renames one of them would leave that timer on 500 ms
        for (String name : T1ScaledTasks.CLASS_NAMES) {
            Class<?> task = Class.forName(name);
            assertEquals(gov.nist.javax.sip.stack.SIPStackTimerTask.class, task.getSuperclass(), name);
        }
    }

    private ClientTransaction options(int port) throws Exception {
        return host.provider().getNewClientTransaction(StackTestPeer.request(host, port, Request.OPTIONS, "silent",
                silent.getLocalPort(), "t1-" + System.nanoTime() + "@127.0.0.1", "f1"));
    }

    private final class TimeoutRecorder extends StackTestPeer.QuietListener {
        @Override
        public void processTimeout(TimeoutEvent e) {
            timeouts.add(System.nanoTime());
        }
    }
}
