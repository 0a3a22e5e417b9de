package org.webims.sip.container.transaction;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackHost;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;
import org.webims.sip.stack.StackTestPeer;

/**
 * The container's stack as UAC, a bare UDP socket as the UAS answering 200: JAIN-SIP schedules its
 * 32 s missing-ACK task for the dialog when it hands the 200 over; once the ACK is sent the watch
 * cancels it (the dialog is no longer held by the timer), and not before.
 */
class AckedDialogWatchTest {
    private SipStackHost host;
    private int port;
    private DatagramSocket uas;
    private final BlockingQueue<Dialog> answered = new ArrayBlockingQueue<>(4);

    @BeforeEach
    void start() throws Exception {
        port = Sipp.freePort();
        host = new SipStackHost(new SipStackSettings("acked-dialog-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536));
        host.start(h -> new Uac());
        uas = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        uas.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        uas.close();
        host.close();
    }

    @Test
    void cancelsTheMissingAckTaskOnceTheAckIsSent() throws Exception {
        SIPDialog dialog = answeredCall("c1");
        SIPStackTimerTask task = awaitMissingAckTask(dialog);
        dialog.sendAck(dialog.createAck(1L));
        AckedDialogWatch.ackSent(dialog);
        assertNull(missingAckTask(dialog), "the dialog no longer points at the task");
        assertFalse(timer(dialog).cancel(task), "the timer no longer holds it (already cancelled)");
    }

    @Test
    void leavesTheMissingAckTaskWhileNoAckWasSent() throws Exception {
        SIPDialog dialog = answeredCall("c2");
        SIPStackTimerTask task = awaitMissingAckTask(dialog);
        AckedDialogWatch.ackSent(dialog); // no ACK went: JAIN-SIP must still delete the dialog in 32 s
        assertSame(task, missingAckTask(dialog));
        assertTrue(timer(dialog).cancel(task), "still scheduled");
    }

    /** Sends an INVITE in a new dialog and has the bare socket answer it with a 200. */
    private SIPDialog answeredCall(String callId) throws Exception {
        Request invite = StackTestPeer.request(host, port, Request.INVITE, "uas", uas.getLocalPort(),
                callId + "@127.0.0.1", "f-" + callId);
        SipURI self = host.addressFactory().createSipURI("uac", "127.0.0.1:" + port);
        invite.addHeader(host.headerFactory().createContactHeader(host.addressFactory().createAddress(self)));
        ClientTransaction ct = host.provider().getNewClientTransaction(invite);
        host.provider().getNewDialog(ct);
        ct.sendRequest();

        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        uas.receive(packet);
        String received = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : received.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                ok.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                ok.append(line).append(";tag=uas-").append(callId).append("\r\n");
            }
        }
        ok.append("Contact: <sip:uas@127.0.0.1:").append(uas.getLocalPort()).append(">\r\nContent-Length: 0\r\n\r\n");
        byte[] bytes = ok.toString().getBytes(StandardCharsets.US_ASCII);
        uas.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        Dialog dialog = answered.poll(5, TimeUnit.SECONDS);
        assertNotNull(dialog, "the 200 reached the UAC's listener");
        return (SIPDialog) dialog;
    }

    /** JAIN-SIP schedules the task right after its listener returned from the 200. */
    private static SIPStackTimerTask awaitMissingAckTask(SIPDialog dialog) throws Exception {
        for (int i = 0; i < 100; i++) {
            SIPStackTimerTask task = missingAckTask(dialog);
            if (task != null) {
                return task;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("JAIN-SIP scheduled no missing-ACK task for the 200");
    }

    private static SIPStackTimerTask missingAckTask(SIPDialog dialog) throws Exception {
        Field field = SIPDialog.class.getDeclaredField("dialogDeleteIfNoAckSentTask");
        field.setAccessible(true);
        synchronized (dialog) {
            return (SIPStackTimerTask) field.get(dialog);
        }
    }

    private static gov.nist.javax.sip.stack.timers.SipTimer timer(SIPDialog dialog) {
        return ((SIPTransactionStack) dialog.getSipProvider().getSipStack()).getTimer();
    }

    private final class Uac extends StackTestPeer.QuietListener {
        @Override
        public void processResponse(ResponseEvent event) {
            if (event.getResponse().getStatusCode() == 200 && event.getDialog() != null) {
                answered.add(event.getDialog());
            }
        }
    }
}
