package org.webims.sip.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ReplacingUasServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * {@code SipSessionsUtil.getCorrespondingSipSession} for Replaces (RFC 3891): a caller on a bare UDP
 * socket sets up a call, then sends a second INVITE whose Replaces names it; the servlet finds the
 * first call's session through the container and ends it. The tags are taken from the receiver's
 * side (§3: to-tag is the container's own), so swapped tags or an unknown Call-ID find nothing.
 */
class ReplacesCorrelationTest {
    private static final Pattern TO_TAG = Pattern.compile("(?im)^To:.*;tag=([^;\\s>]+)");
    private SipContainer container;
    private DatagramSocket caller;
    private InetSocketAddress containerAddress;

    @BeforeEach
    void deploy(@TempDir Path dir) throws Exception {
        int port = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("replaces-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536));
        container.start();
        container.deploy(TestApplications.folder(dir, "replacing",
                TestApplications.sipXml("replacing", ReplacingUasServlet.class)));
        containerAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        caller = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        caller.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        container.close();
        caller.close();
    }

    @Test
    void inviteWithReplacesEndsTheCallItNames() throws Exception {
        String toTag = call("call-a", "from-a", null);
        String answer = invite("call-b", "from-b", "call-a;to-tag=" + toTag + ";from-tag=from-a");
        String bye = receive("BYE ");
        assertTrue(bye.contains("Call-ID: call-a"), "the replaced call gets the BYE:\n" + bye);
        send(okTo(bye));
        assertTrue(answer.isEmpty() || answer.startsWith("SIP/2.0 200"), answer);
        String ok = answer.isEmpty() ? receive("SIP/2.0 200") : answer;
        assertTrue(ok.contains("Call-ID: call-b"), ok);
    }

    @Test
    void replacesNamingNoDialogOfOursGets481() throws Exception {
        String toTag = call("call-c", "from-c", null);
        assertTrue(invite("call-d", "from-d", "call-c;to-tag=from-c;from-tag=" + toTag).startsWith("SIP/2.0 481"),
                "tags swapped: not our dialog");
        assertTrue(invite("call-e", "from-e", "no-such-call;to-tag=" + toTag + ";from-tag=from-c")
                .startsWith("SIP/2.0 481"), "unknown Call-ID");
    }

    /** Sets up a call, returns the container's To tag. */
    private String call(String callId, String fromTag, String replaces) throws Exception {
        String ok = invite(callId, fromTag, replaces);
        assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        Matcher m = TO_TAG.matcher(ok);
        assertTrue(m.find(), ok);
        send(ack(callId, fromTag, m.group(1)));
        return m.group(1);
    }

    /** Sends an INVITE, returns its final response (skipping provisionals), or "" if a request came first. */
    private String invite(String callId, String fromTag, String replaces) throws Exception {
        send("INVITE sip:svc@127.0.0.1:" + containerAddress.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.getLocalPort() + ";branch=z9hG4bK" + callId + "inv\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=" + fromTag + "\r\n"
                + "To: <sip:svc@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + caller.getLocalPort() + ">\r\n"
                + (replaces == null ? "" : "Replaces: " + replaces + "\r\n")
                + "Content-Length: 0\r\n\r\n");
        while (true) {
            String m = receiveAny();
            if (m.startsWith("SIP/2.0 1")) {
                continue;
            }
            if (m.startsWith("SIP/2.0")) {
                return m;
            }
            pending = m; // the BYE of a replaced call may come before the new call's 200
            return "";
        }
    }

    private String pending;

    private String ack(String callId, String fromTag, String toTag) {
        return "ACK sip:svc@127.0.0.1:" + containerAddress.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.getLocalPort() + ";branch=z9hG4bK" + callId + "ack\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=" + fromTag + "\r\n"
                + "To: <sip:svc@127.0.0.1>;tag=" + toTag + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String okTo(String request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:")
                    || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            }
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    private String receive(String start) throws Exception {
        if (pending != null && pending.startsWith(start)) {
            String m = pending;
            pending = null;
            return m;
        }
        while (true) {
            String m = receiveAny();
            if (m.startsWith(start)) {
                return m;
            }
        }
    }

    private String receiveAny() throws Exception {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            caller.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the container sent nothing more", e);
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    private void send(String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        caller.send(new DatagramPacket(b, b.length, containerAddress));
    }
}
