package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.Digest;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.RtpPackets;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebUserDialog;
import org.webims.interworking.peers.WebSocketSipPeer;
import org.webims.interworking.peers.ParallelClose;

/**
 * DTMF through the deployed application: the web user's SIP INFO reaches the IMS phone's RTP
 * socket as RFC 4733 telephone-events, and the IMS phone's telephone-events reach a web user whose
 * browser negotiated none as SIP INFO application/dtmf-relay.
 */
class DtmfInterworkingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CALLEE = "sip:+4930999@ims.test";

    @TempDir
    Path dir;
    private ImsPeer ims;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;
    private DatagramSocket phoneRtp;
    private final WebUserDialog alice = new WebUserDialog(CALLEE);
    private final String callId = alice.callId();
    private final String fromTag = alice.fromTag();

    @BeforeEach
    void start() throws Exception {
        ims = new ImsPeer();
        support = InterworkingTestSupport.start(dir, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5));
        web = support.webPeer();
        support.registerAlice(web);
        phoneRtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        phoneRtp.setSoTimeout((int) WAIT.toMillis());
    }

    @AfterEach
    void stop() throws Exception {
        if (phoneRtp != null) {
            phoneRtp.close();
        }
        if (web != null) {
            web.close();
        }
        ParallelClose.all(java.util.Arrays.asList(support, ims)); // neither waits for the other's stack to stop
    }

    /** Chrome's offer without its telephone-event formats (110 and 126): a browser that sends no RFC 4733. */
    private static String chromeOfferWithoutTelephoneEvent() throws Exception {
        return WebUserDialog.chromeOffer().replace(" 110 126\r\n", "\r\n").replaceAll("a=(rtpmap|fmtp):(110|126) [^\r]*\r\n", "");
    }

    /** The telephone-event/16000 payload type of the MTSI offer, which the phone's answer keeps. */
    private int tePt;
    /** The IMS phone's side of the call's dialog. */
    private javax.sip.Dialog imsDialog;

    /** The IMS phone's answer: AMR-WB and telephone-event/16000 on {@link #phoneRtp}, video refused. */
    private String phoneAnswer(String imsOffer) {
        Matcher amr = Pattern.compile("a=rtpmap:(\\d+) AMR-WB/16000").matcher(imsOffer);
        assertTrue(amr.find(), imsOffer);
        Matcher te = Pattern.compile("a=rtpmap:(\\d+) telephone-event/16000").matcher(imsOffer);
        assertTrue(te.find(), "the MTSI offer lists telephone-event/16000: " + imsOffer);
        String pt = amr.group(1);
        tePt = Integer.parseInt(te.group(1));
        Matcher video = Pattern.compile("(?m)^m=video \\d+ RTP/AVP (\\d+)").matcher(imsOffer);
        return "v=0\r\no=ims-ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + phoneRtp.getLocalPort() + " RTP/AVP " + pt + " " + tePt + "\r\n"
                + "a=rtpmap:" + pt + " AMR-WB/16000/1\r\na=fmtp:" + pt + " mode-change-capability=2;max-red=220\r\n"
                + "a=rtpmap:" + tePt + " telephone-event/16000\r\na=fmtp:" + tePt + " 0-15\r\n"
                + "a=ptime:20\r\na=sendrecv\r\n"
                + (video.find() ? "m=video 0 RTP/AVP " + video.group(1) + "\r\n" : "");
    }

    /** Places and answers the call; returns the web user's 200 OK. {@code imsOffer} gets the MTSI offer. */
    private SipText answeredCall(String webOffer, StringBuilder imsOffer) throws Exception {
        web.send(alice.invite(1, null, webOffer));
        SipText challenge = web.next("INVITE", 200, WAIT);
        assertEquals(401, challenge.status(), challenge.startLine());
        String auth = Digest.authorization("alice", "alice-secret", "ims.test",
                SipText.param(challenge.header("WWW-Authenticate"), "nonce"), "INVITE", CALLEE, 1, "i1");
        web.send(alice.invite(2, auth, webOffer));
        RequestEvent imsInvite = ims.nextRequest(Request.INVITE, WAIT);
        String offer = ims.contentOf(imsInvite.getRequest());
        imsOffer.append(offer);
        imsDialog = ims.respond(imsInvite, 200, phoneAnswer(offer)).getDialog();
        SipText ok = web.next("INVITE", 200, WAIT);
        assertEquals(200, ok.status(), ok.startLine() + " " + ok.header("Warning"));
        ims.nextRequest(Request.ACK, WAIT);
        web.send(alice.inDialog("ACK", 2, ok, null, null));
        return ok;
    }

    /** A telephone-event packet the phone's socket got: payload type, marker, event, E bit, duration. */
    private record EventPacket(int pt, boolean marker, long timestamp, int event, boolean end, int duration) {
    }

    private EventPacket nextTelephoneEvent(int tePt) throws Exception {
        byte[] buf = new byte[1500];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            phoneRtp.receive(p); // the socket's timeout fails the test when nothing comes
            int pt = buf[1] & 0x7F;
            if (pt != tePt) {
                continue; // audio (AMR-WB) from the transcoder
            }
            int cc = buf[0] & 0x0F;
            int at = 12 + 4 * cc;
            long ts = ((buf[4] & 0xFFL) << 24) | ((buf[5] & 0xFF) << 16) | ((buf[6] & 0xFF) << 8) | (buf[7] & 0xFF);
            return new EventPacket(pt, (buf[1] & 0x80) != 0, ts, buf[at] & 0xFF, (buf[at + 1] & 0x80) != 0,
                    ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF));
        }
    }

    @Test
    void webInfoWithDtmfRelayReachesTheImsPhoneAsRfc4733TelephoneEvents() throws Exception {
        SipText ok = answeredCall(WebUserDialog.chromeOffer(), new StringBuilder());
        web.send(alice.inDialog("INFO", 3, ok, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        SipText answer = web.next("INFO", 200, WAIT);
        assertEquals(200, answer.status(), answer.startLine());

        List<EventPacket> train = new ArrayList<>();
        EventPacket p;
        do {
            p = nextTelephoneEvent(tePt);
            train.add(p);
        } while (!p.end());
        assertTrue(train.get(0).marker(), "marker on the event's first packet (RFC 4733 §2.5.1.2)");
        for (EventPacket e : train) {
            assertEquals(5, e.event());
            assertEquals(train.get(0).timestamp(), e.timestamp(), "one timestamp for the event");
        }
        assertEquals(2560, p.duration(), "160 ms in telephone-event/16000 units");
        for (int i = 0; i < 2; i++) {
            EventPacket repeat = nextTelephoneEvent(tePt);
            assertTrue(repeat.end() && repeat.duration() == 2560, "the end packet three times (§2.5.1.4)");
        }

        web.send(alice.inDialog("INFO", 4, ok, "application/dtmf", "#"));
        assertEquals(200, web.next("INFO", 200, WAIT).status(), "application/dtmf is taken too");
        EventPacket pound = nextTelephoneEvent(tePt);
        assertEquals(11, pound.event(), "# is event 11");
    }

    @Test
    void webInfoWithAnotherBodyGets415WithAcceptAndABadSignalGets400() throws Exception {
        SipText ok = answeredCall(WebUserDialog.chromeOffer(), new StringBuilder());
        web.send(alice.inDialog("INFO", 3, ok, "text/plain", "hello"));
        SipText unsupported = web.next("INFO", 200, WAIT);
        assertEquals(415, unsupported.status(), unsupported.startLine());
        assertTrue(unsupported.header("Accept").contains("application/dtmf-relay"), unsupported.header("Accept"));
        web.send(alice.inDialog("INFO", 4, ok, "application/dtmf-relay", "Signal=x\r\nDuration=100\r\n"));
        SipText bad = web.next("INFO", 200, WAIT);
        assertEquals(400, bad.status());
        assertTrue(bad.startLine().contains("not a DTMF digit"), bad.startLine());
    }

    @Test
    void imsInfoWithDtmfRelayIsAnsweredAndPassedToTheWebUserAsInfo() throws Exception {
        answeredCall(WebUserDialog.chromeOffer(), new StringBuilder());
        ims.sendInDialog(imsDialog, Request.INFO, "dtmf-relay", "Signal=3\r\nDuration=200\r\n");
        javax.sip.message.Response ok = ims.nextResponse(Request.INFO, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        SipText info = web.next(callId, "INFO", 0, WAIT);
        assertTrue(info.body().contains("Signal=3") && info.body().contains("Duration=200"), info.body());
        web.send(info.reply(200, "OK", null, null));
    }

    @Test
    void imsTelephoneEventsReachAWebUserWithoutTelephoneEventAsInfo() throws Exception {
        StringBuilder imsOffer = new StringBuilder();
        answeredCall(chromeOfferWithoutTelephoneEvent(), imsOffer);
        Matcher port = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(imsOffer);
        assertTrue(port.find(), imsOffer.toString());
        int gatewayPort = Integer.parseInt(port.group(1));
        byte[] packet = new byte[16];
        for (int i = 0; i < 6; i++) { // '9' for 100 ms at 16 kHz: 3 updates, then the end packet 3 times
            boolean end = i >= 3;
            RtpPackets.header(packet, tePt, 500 + i, 32_000, 0x1234);
            packet[1] = (byte) (i == 0 ? 0x80 | tePt : tePt); // marker on the first (RFC 4733 §2.5.1.2)
            packet[12] = 9;
            packet[13] = (byte) ((end ? 0x80 : 0) | 10);
            int duration = end ? 1600 : 1600 * (i + 1) / 3;
            packet[14] = (byte) (duration >> 8);
            packet[15] = (byte) duration;
            phoneRtp.send(new DatagramPacket(packet, packet.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), gatewayPort)));
        }
        SipText info = web.next(callId, "INFO", 0, WAIT);
        assertEquals("application/dtmf-relay", info.header("Content-Type"));
        assertTrue(info.body().contains("Signal=9"), info.body());
        assertTrue(info.body().contains("Duration=100"), info.body());
        web.send(info.reply(200, "OK", null, null));
    }
}
