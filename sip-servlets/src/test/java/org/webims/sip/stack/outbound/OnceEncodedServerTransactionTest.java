package org.webims.sip.stack.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackHost;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * The container's stack keeps the bytes a UDP response was sent as, and what it resends from them
 * is what a real peer (a bare UDP socket, so that the test decides what is retransmitted and when)
 * received the first time: for a retransmitted INVITE (RFC 3261 §17.2.1), for Timer G, and for the
 * 2xx retransmissions until the ACK (§13.3.1.4).
 */
class OnceEncodedServerTransactionTest {
    private SipStackHost host;
    private int port;
    private DatagramSocket peer;
    private final Uas uas = new Uas();

    @BeforeEach
    void start() throws Exception {
        port = Sipp.freePort();
        host = new SipStackHost(new SipStackSettings("once-encoded-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536));
        host.start(h -> uas);
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        peer.close();
        host.close();
        uas.answering.shutdownNow();
    }

    @Test
    void retransmittedInviteGetsTheLastProvisionalResponseByteForByte() throws Exception {
        String invite = invite("ringing", "c1");
        byte[] first = answerTo(invite, 180);
        assertArrayEquals(uas.sent().encodeAsBytes("UDP"), first, "what was sent is JAIN-SIP's encoding");
        assertInstanceOf(OnceEncodedServerTransaction.class, uas.transaction);

        send(invite);
        assertArrayEquals(first, receive(), "the retransmitted INVITE gets the same 180");
        assertEquals(1, uas.invites.get(), "the retransmission is absorbed by the transaction");
    }

    @Test
    void errorResponseIsRetransmittedByteForByteUntilTheAck() throws Exception {
        String invite = invite("busy", "c2");
        byte[] first = answerTo(invite, 486);
        assertArrayEquals(uas.sent().encodeAsBytes("UDP"), first);

        assertArrayEquals(first, receive(), "Timer G resends the 486 (RFC 3261 §17.2.1)");
        send(invite);
        assertArrayEquals(first, receive(), "the retransmitted INVITE gets the same 486");
        assertEquals(1, uas.invites.get());
    }

    @Test
    void okIsRetransmittedByteForByteUntilTheAckAndNotAfter() throws Exception {
        byte[] first = answerTo(invite("answer", "c3"), 200);
        assertArrayEquals(uas.sent().encodeAsBytes("UDP"), first);
        assertArrayEquals(first, receive(), "the 2xx is resent after T1 (RFC 3261 §13.3.1.4)");
        assertArrayEquals(first, receive(), "and again after 2 T1");

        String toTag = uas.sent().getToTag();
        send(ack("answer", "c3", toTag));
        peer.setSoTimeout(4500); // past T2 (4 s), the longest gap between two retransmissions
        assertThrows(SocketTimeoutException.class, this::receiveAfterAnyInFlight, "no 2xx after the ACK");
    }

    @Test
    void retransmittedInviteAfterTheOkIsAbsorbedWhileTheOkIsResent() throws Exception {
        String invite = invite("answer", "c4");
        byte[] ok = answerTo(invite, 200);

        // RFC 6026 (the Accepted state): the retransmission goes no further than the transaction
        send(invite);
        assertArrayEquals(ok, receive(), "the 2xx is resent by the dialog, not answered anew (RFC 3261 §13.3.1.4)");
        send(ack("answer", "c4", uas.sent().getToTag()));
        send(invite);
        send(options("c4")); // a request the UAS counts, sent after the retransmission: it has been through
        assertEquals("OPTIONS", uas.nonInvites.poll(5, TimeUnit.SECONDS));
        assertEquals(1, uas.invites.get(), "neither retransmission reached the UAS as a new INVITE");
    }

    @Test
    void retransmittedByeGetsTheSameOkByteForByte() throws Exception {
        answerTo(invite("answer", "c5"), 200);
        String toTag = uas.sent().getToTag();
        send(ack("answer", "c5", toTag));
        String bye = inDialog("BYE", "answer", "c5", toTag, 2);
        send(bye);
        byte[] ok = receiveFinalTo("BYE");
        send(bye);
        assertArrayEquals(ok, receiveFinalTo("BYE"), "RFC 3261 §17.2.2: the completed transaction answers it");
        assertEquals("BYE", uas.nonInvites.poll(5, TimeUnit.SECONDS));
        assertNull(uas.nonInvites.poll(500, TimeUnit.MILLISECONDS), "the retransmitted BYE reached the UAS again");
    }

    /**
     * RFC 3261 §13.3.1.4 when the application answers from a thread of its own, as the container's
     * do: a peer that ACKs the instant the 2xx arrives can have its ACK processed before JAIN-SIP
     * has started the dialog's retransmission timer. That ACK must still stop the retransmissions:
     * unrecorded, the dialog would resend the 2xx for 64*T1 and then delete itself, mid-call.
     * The window is microseconds wide, hence many calls.
     */
    @Test
    void okAnsweredFromAnotherThreadIsNotResentAfterAnAckSentTheInstantItArrived() throws Exception {
        java.util.Set<String> resent = new java.util.TreeSet<>();
        for (int i = 0; i < 40; i++) {
            String callId = "instant-" + i;
            send(invite("elsewhere", callId));
            while (true) {
                String ok = text(receive());
                String answered = callIdOf(ok);
                if (answered.equals(callId + "@127.0.0.1")) {
                    break;
                }
                resent.add(answered); // an earlier call's 2xx, after its ACK
            }
            send(ack("elsewhere", callId, "uas-elsewhere"));
        }
        peer.setSoTimeout(1200); // past the first retransmission (T1) of the last call's 2xx
        try {
            while (true) {
                resent.add(callIdOf(text(receive())));
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more came
        }
        assertTrue(resent.isEmpty(), "2xx resent after the ACK in calls " + resent);
    }

    private static String callIdOf(String message) {
        int at = message.indexOf("\r\nCall-ID: ") + "\r\nCall-ID: ".length();
        return message.substring(at, message.indexOf("\r\n", at));
    }

    /** Sends {@code request} and takes the first datagram back past any 100, a response with {@code status}. */
    private byte[] answerTo(String request, int status) throws Exception {
        send(request);
        byte[] response = receive();
        if (status != 100 && text(response).startsWith("SIP/2.0 100 ")) {
            response = receive(); // the stack's own 100 Trying, on a host too slow for the UAS to answer in 200 ms
        }
        assertTrue(text(response).startsWith("SIP/2.0 " + status + " "), text(response));
        return response;
    }

    /** The next response to {@code method}, past any 2xx to the INVITE still in flight. */
    private byte[] receiveFinalTo(String method) throws Exception {
        while (true) {
            byte[] datagram = receive();
            if (text(datagram).contains(" " + method + "\r\n")) {
                return datagram;
            }
        }
    }

    private String options(String callId) {
        return "OPTIONS sip:probe@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-options-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=o-" + callId + "\r\n"
                + "To: <sip:probe@127.0.0.1>\r\n"
                + "Call-ID: options-" + callId + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private String inDialog(String method, String user, String callId, String toTag, int cseq) {
        return method + " sip:" + user + "@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-" + method + "-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=f-" + callId + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>;tag=" + toTag + "\r\n"
                + "Call-ID: " + callId + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** A copy already on its way when the ACK went out is not a retransmission after it. */
    private byte[] receiveAfterAnyInFlight() throws Exception {
        long ackSent = System.nanoTime();
        while (true) {
            byte[] datagram = receive();
            if (System.nanoTime() - ackSent > TimeUnit.MILLISECONDS.toNanos(200)) {
                return datagram;
            }
        }
    }

    private String invite(String user, String callId) {
        return "INVITE sip:" + user + "@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=f-" + callId + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:peer@127.0.0.1:" + peer.getLocalPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The ACK for a 2xx: a new transaction (RFC 3261 §13.2.2.4), to the remote target. */
    private String ack(String user, String callId, String toTag) {
        return inDialog("ACK", user, callId, toTag, 1);
    }

    private void send(String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    private byte[] receive() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        peer.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A UAS that answers by the Request-URI's user: 180, 486, or 200 in a dialog. */
    private final class Uas implements SipListener {
        final AtomicInteger invites = new AtomicInteger();
        /** The methods of the other requests that reached the UAS, each answered 200. */
        final BlockingQueue<String> nonInvites = new ArrayBlockingQueue<>(8);
        final BlockingQueue<SIPResponse> responses = new ArrayBlockingQueue<>(8);
        volatile ServerTransaction transaction;
        final java.util.concurrent.ExecutorService answering = java.util.concurrent.Executors.newSingleThreadExecutor();

        SIPResponse sent() throws InterruptedException {
            SIPResponse response = responses.poll(5, TimeUnit.SECONDS);
            if (response == null) {
                throw new AssertionError("the UAS sent no response");
            }
            responses.add(response); // the same one, for a later look
            return response;
        }

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            if (Request.ACK.equals(request.getMethod())) {
                return; // the 2xx's ACK ends the dialog's retransmissions inside the stack
            }
            if (!Request.INVITE.equals(request.getMethod())) {
                answer(event, request);
                return;
            }
            invites.incrementAndGet();
            String user = ((javax.sip.address.SipURI) request.getRequestURI()).getUser();
            if ("elsewhere".equals(user)) {
                ServerTransaction st = newServerTransaction(request);
                answering.execute(() -> answer(request, st, user)); // as an application's own thread would
                return;
            }
            answer(request, newServerTransaction(request), user);
        }

        private ServerTransaction newServerTransaction(Request request) {
            try {
                return host.provider().getNewServerTransaction(request);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        private void answer(Request request, ServerTransaction st, String user) {
            try {
                transaction = st;
                int status = switch (user) {
                    case "ringing" -> Response.RINGING;
                    case "busy" -> Response.BUSY_HERE;
                    default -> Response.OK;
                };
                if (status == Response.OK) {
                    host.provider().getNewDialog(st); // the dialog resends the 2xx until the ACK
                }
                Response response = host.messageFactory().createResponse(status, request);
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("uas-" + user);
                if (status == Response.OK) {
                    response.addHeader(host.headerFactory().createContactHeader(host.addressFactory().createAddress(
                            host.addressFactory().createSipURI(user, "127.0.0.1:" + port))));
                }
                st.sendResponse(response);
                responses.offer((SIPResponse) response);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        private void answer(RequestEvent event, Request request) {
            nonInvites.add(request.getMethod());
            try {
                ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                        : host.provider().getNewServerTransaction(request);
                st.sendResponse(host.messageFactory().createResponse(Response.OK, request));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override public void processResponse(ResponseEvent e) { }
        @Override public void processTimeout(TimeoutEvent e) { }
        @Override public void processIOException(IOExceptionEvent e) { }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent e) { }
    }
}
